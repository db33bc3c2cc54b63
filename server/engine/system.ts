import type Docker from 'dockerode';
import type { EngineStatus } from '../../lib/protocol/engine';
import { engineClient } from './client';
import { engineRead } from './errors';

export interface EngineStatusContext {
  sandbox: boolean;
  readOnly: boolean;
}

/** Asks the engine who it is; never throws — an unreachable engine is a status, not an error. */
export async function probeEngine(ctx: EngineStatusContext): Promise<EngineStatus> {
  const { probe, endpoint } = engineClient();
  try {
    // dockerode's version takes `{abortSignal}`; its typings leave the options out. A hung engine
    // must come out of this as "unreachable", or nobody would ever hear it is gone.
    const version = probe.version as unknown as (this: typeof probe, opts: { abortSignal: AbortSignal }) => Promise<Docker.DockerVersion>;
    const v = await engineRead((abortSignal) => version.call(probe, { abortSignal }));
    return {
      reachable: true,
      endpoint: endpoint.label,
      version: v.Version,
      apiVersion: v.ApiVersion,
      os: `${v.Os}/${v.Arch}`,
      ...ctx,
    };
  } catch (err) {
    return { reachable: false, endpoint: endpoint.label, error: (err as Error).message, ...ctx };
  }
}

/**
 * Whether the engine accepts a new connection and answers `/_ping` within `timeoutMs`. Cheap enough
 * to ask every second while event streams run, which is how an engine that is shutting down (still
 * serving its open streams) is noticed at once.
 */
export async function pingEngine(timeoutMs: number): Promise<boolean> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const { probe } = engineClient();
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
