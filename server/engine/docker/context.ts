import http from 'node:http';
import https from 'node:https';
import Docker from 'dockerode';
import type { EngineEndpoint } from '../connection';
import { bulkRequest, type BulkAnswer, type BulkRequest } from './bulk-http';
import { EngineError, describeHung, toEngineError, type EngineIdentity } from '../errors';

/**
 * Plain reads (list, inspect, top) and the calls a person waits on (exec create/start, attach,
 * resize) take the engine milliseconds. Past this deadline it is hung (a wedged dockerd does
 * happen) or drowning, and a page must get an answer it can show rather than "Loading…" for ever.
 */
export const ENGINE_DEADLINE_MS = Number(process.env.DOCKSIDE_ENGINE_READ_DEADLINE_MS) || 15_000;

/** Reads that make the engine walk every container's layers (`size=1`) may take minutes on a big host. */
export const SIZE_WALK_DEADLINE_MS = 120_000;

/** What every resource factory in `docker/` gets: one engine's client and its error handling. */
export interface DockerContext extends EngineIdentity {
  readonly docker: Docker;
  /**
   * The same engine over a new connection for every call, for reachability probes. The main client
   * keeps connections alive, and an engine that is shutting down keeps serving those for as long as
   * its shutdown takes (10 s and more, while it stops containers) although it accepts no new one:
   * asked over a kept connection, it would look reachable when it is going away.
   */
  readonly probe: Docker;
  /** A read that gives up (and closes its connection) after the engine's deadline. */
  read<T>(fn: (abortSignal: AbortSignal) => Promise<T>, what?: string, deadlineMs?: number): Promise<T>;
  /** A call without a deadline (mutations that may take long: stop waits for the container). */
  call<T>(fn: () => Promise<T>, what?: string): Promise<T>;
  /**
   * A call the UI waits on that cannot be aborted part-way (exec start, attach): past the deadline
   * it fails with `engine_unreachable`, and whatever it yields later is handed to `discard` so
   * nothing is left behind.
   */
  within<T>(fn: () => Promise<T>, what: string, discard?: (late: T) => void, deadlineMs?: number): Promise<T>;
  /** Maps a failure to an EngineError that names this engine. */
  fail(err: unknown, what?: string): EngineError;
  /** Ends the connections this engine keeps (for SSH: its ssh processes). */
  close(): void;
  /**
   * A bulk download or upload (a tar) over a connection of its own (bulk-http.ts),
   * for engines on a unix socket or plain TCP; null for TLS and SSH engines, which keep dockerode's
   * path. `path` is the API path without its version prefix, `query` docker-modem's options.
   */
  readonly bulk: ((req: Omit<BulkRequest, 'path'> & { path: string; query?: Record<string, unknown> }) => Promise<BulkAnswer>) | null;
}

/** Where a plain engine listens, for bulk-http.ts; null when it takes TLS or a program (SSH) to reach. */
function bulkTargetOf(endpoint: EngineEndpoint): { socketPath: string } | { host: string; port: number } | null {
  const o = endpoint.options;
  if (endpoint.agent || o.protocol === 'https' || o.protocol === 'ssh') return null;
  if (o.socketPath && !o.host) return typeof o.socketPath === 'string' ? { socketPath: o.socketPath } : null;
  if (o.host && (o.protocol === 'http' || o.protocol === undefined) && !(o.ca || o.cert || o.key)) return { host: String(o.host), port: Number(o.port) || 2375 };
  return null;
}

export function createDockerContext(name: string, endpoint: EngineEndpoint): DockerContext {
  const identity: EngineIdentity = { name, label: endpoint.label };
  if (endpoint.options.protocol === 'https') identity.clientCert = Boolean(endpoint.options.cert && endpoint.options.key);
  // Over SSH a new connection is a new ssh login, too dear for a ping every second: its probes keep
  // one connection of their own (an engine shutting down is then seen when its streams end).
  const agent = endpoint.agent
    ? endpoint.agent({ keepAlive: true })
    : endpoint.options.protocol === 'https'
      ? new https.Agent({ keepAlive: false })
      : new http.Agent({ keepAlive: false });
  // Engines reached through a program get their own kept-alive agent; the others use Node's global one.
  const mainAgent = endpoint.agent?.({ keepAlive: true });
  const fail = (err: unknown, what?: string) => toEngineError(err, what, identity);
  const bulkTarget = bulkTargetOf(endpoint);
  const docker = new Docker(mainAgent ? ({ ...endpoint.options, agent: mainAgent } as Docker.DockerOptions) : endpoint.options);
  const modem = (docker as unknown as { modem: { version?: string; buildQuerystring(o: Record<string, unknown>): string } }).modem;
  const hung = (deadlineMs: number) => new EngineError('engine_unreachable', describeHung(identity, deadlineMs));
  return {
    ...identity,
    docker,
    bulk: bulkTarget
      ? ({ path, query, ...rest }) => {
          const q = query ? modem.buildQuerystring(query) : '';
          return bulkRequest(bulkTarget, { ...rest, path: `${modem.version ? `/${modem.version}` : ''}${path}${q ? `?${q}` : ''}` });
        }
      : null,
    // `agent` is a docker-modem option that the dockerode typings leave out.
    probe: new Docker({ ...endpoint.options, agent } as Docker.DockerOptions),
    fail,
    close: () => {
      mainAgent?.destroy();
      agent.destroy();
    },
    async read(fn, what, deadlineMs = ENGINE_DEADLINE_MS) {
      const deadline = AbortSignal.timeout(deadlineMs);
      try {
        return await fn(deadline);
      } catch (err) {
        if (!deadline.aborted) throw fail(err, what);
        throw hung(deadlineMs);
      }
    },
    async call(fn, what) {
      try {
        return await fn();
      } catch (err) {
        throw fail(err, what);
      }
    },
    within(fn, what, discard, deadlineMs = ENGINE_DEADLINE_MS) {
      return new Promise((resolve, reject) => {
        let late = false;
        const timer = setTimeout(() => {
          late = true;
          reject(hung(deadlineMs));
        }, deadlineMs);
        fn().then(
          (value) => {
            clearTimeout(timer);
            if (late) discard?.(value);
            else resolve(value);
          },
          (err: unknown) => {
            clearTimeout(timer);
            if (!late) reject(fail(err, what));
          },
        );
      });
    },
  };
}
