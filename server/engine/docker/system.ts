import type Docker from 'dockerode';
import type { EngineStatus } from '../../../lib/protocol/engine';
import type { EngineStatusContext, SystemApi } from '../api/system';
import type { DockerContext } from './context';

/** Asks the engine who it is; never throws — an unreachable engine is a status, not an error. */
async function probeEngine(engine: DockerContext, ctx: EngineStatusContext): Promise<EngineStatus> {
  const { probe, label } = engine;
  try {
    // dockerode's version takes `{abortSignal}`; its typings leave the options out. A hung engine
    // must come out of this as "unreachable", or nobody would ever hear it is gone.
    const version = probe.version as unknown as (this: typeof probe, opts: { abortSignal: AbortSignal }) => Promise<Docker.DockerVersion>;
    const v = await engine.read((abortSignal) => version.call(probe, { abortSignal }));
    return {
      name: engine.name,
      reachable: true,
      endpoint: label,
      version: v.Version,
      apiVersion: v.ApiVersion,
      os: `${v.Os}/${v.Arch}`,
      ...ctx,
    };
  } catch (err) {
    return { name: engine.name, reachable: false, endpoint: label, error: (err as Error).message, ...ctx };
  }
}

/**
 * Whether the engine accepts a new connection and answers `/_ping` within `timeoutMs`. Cheap enough
 * to ask every second while event streams run, which is how an engine that is shutting down (still
 * serving its open streams) is noticed at once.
 */
async function pingEngine(engine: DockerContext, timeoutMs: number): Promise<boolean> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const { probe } = engine;
    // dockerode's ping takes `{abortSignal}`; its typings leave the options out.
    const ping = probe.ping as unknown as (this: typeof probe, opts: { abortSignal: AbortSignal }) => Promise<unknown>;
    await ping.call(probe, { abortSignal: abort.signal });
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export function dockerSystem(ctx: DockerContext): SystemApi {
  return {
    probe: (statusCtx) => probeEngine(ctx, statusCtx),
    ping: (timeoutMs) => pingEngine(ctx, timeoutMs),
  };
}
