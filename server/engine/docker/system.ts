import type Docker from 'dockerode';
import type { EngineStatus } from '../../../lib/protocol/engine';
import type { DiskUsage } from '../../../lib/protocol/engine-info';
import type { EngineStatusContext, SystemApi } from '../api/system';
import { SIZE_WALK_DEADLINE_MS, type DockerContext } from './context';
import { dialectOfVersion, noteDialect } from './dialect';
import { toDiskUsage, toEngineDetails, type RawDiskUsage, type RawInfo, type RawVersion } from './system-info';

/**
 * Calls dockerode's `version`/`info`/`df` with `{abortSignal}`, which they take although their
 * typings leave the options out: a call past its deadline must close its connection.
 */
function withSignal<T>(client: Docker, method: 'version' | 'info' | 'df', abortSignal: AbortSignal): Promise<T> {
  const fn = client[method] as unknown as (this: Docker, opts: { abortSignal: AbortSignal }) => Promise<T>;
  return fn.call(client, { abortSignal });
}

/** Asks the engine who it is; never throws — an unreachable engine is a status, not an error. */
async function probeEngine(engine: DockerContext, ctx: EngineStatusContext): Promise<EngineStatus> {
  const { probe, label } = engine;
  try {
    // dockerode's version takes `{abortSignal}`; its typings leave the options out. A hung engine
    // must come out of this as "unreachable", or nobody would ever hear it is gone.
    const version = probe.version as unknown as (this: typeof probe, opts: { abortSignal: AbortSignal }) => Promise<Docker.DockerVersion>;
    const v = await engine.read((abortSignal) => version.call(probe, { abortSignal }));
    noteDialect(engine, v);
    return {
      name: engine.name,
      reachable: true,
      endpoint: label,
      product: dialectOfVersion(v) === 'podman' ? 'Podman' : 'Docker',
      kind: dialectOfVersion(v),
      version: v.Version,
      apiVersion: v.ApiVersion,
      os: `${v.Os}/${v.Arch}`,
      ...ctx,
    };
  } catch (err) {
    noteDialect(engine, null);
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
  // One disk-usage walk at a time for this engine: Docker 20.10 refuses a second concurrent
  // `/system/df` ("a disk usage operation is already running"), and a second walk would only double
  // the load. A request while one runs shares its answer.
  let walk: { since: number; result: Promise<DiskUsage> } | null = null;
  let last: DiskUsage | null = null;
  const diskUsage = (): Promise<DiskUsage> => {
    if (walk) return walk.result;
    const since = Date.now();
    const result = ctx
      .read((signal) => withSignal<RawDiskUsage>(ctx.docker, 'df', signal), 'Disk usage', SIZE_WALK_DEADLINE_MS)
      .then((raw) => (last = toDiskUsage(raw, new Date(), Date.now() - since)))
      .finally(() => {
        walk = null;
      });
    walk = { since, result };
    return result;
  };
  return {
    probe: (statusCtx) => probeEngine(ctx, statusCtx),
    ping: (timeoutMs) => pingEngine(ctx, timeoutMs),
    info: async () => {
      const [version, info] = await Promise.all([
        ctx.read((signal) => withSignal<RawVersion>(ctx.docker, 'version', signal), 'Engine version'),
        ctx.read((signal) => withSignal<RawInfo>(ctx.docker, 'info', signal), 'Engine info'),
      ]);
      return toEngineDetails(version, info);
    },
    diskUsage,
    diskUsageRunningSince: () => walk?.since ?? null,
    lastDiskUsage: () => last,
  };
}
