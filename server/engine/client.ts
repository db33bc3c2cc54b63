import http from 'node:http';
import https from 'node:https';
import Docker from 'dockerode';
import { resolveEngineEndpoint, type EngineEndpoint } from './connection';

interface EngineClient {
  docker: Docker;
  /**
   * The same engine over a new connection for every call, for reachability probes. The main client
   * keeps connections alive, and an engine that is shutting down keeps serving those for as long as
   * its shutdown takes (10 s and more, while it stops containers) although it accepts no new one:
   * asked over a kept connection, it would look reachable when it is going away.
   */
  probe: Docker;
  endpoint: EngineEndpoint;
}

// Anchored on globalThis: the custom server and Next's bundled route handlers load this module
// separately, and both must talk through one client (one agent, one set of sockets).
const KEY = Symbol.for('dockside.engineClient');
type Holder = { [KEY]?: EngineClient };

export function engineClient(): EngineClient {
  const holder = globalThis as Holder;
  if (!holder[KEY]) {
    const endpoint = resolveEngineEndpoint();
    const agent = endpoint.options.protocol === 'https' ? new https.Agent({ keepAlive: false }) : new http.Agent({ keepAlive: false });
    // `agent` is a docker-modem option that the dockerode typings leave out.
    holder[KEY] = { docker: new Docker(endpoint.options), probe: new Docker({ ...endpoint.options, agent } as Docker.DockerOptions), endpoint };
  }
  return holder[KEY];
}

export function docker(): Docker {
  return engineClient().docker;
}

/** Forget the client so the next call re-reads DOCKER_HOST (used once, when switching to the sandbox). */
export function resetEngineClient(): void {
  delete (globalThis as Holder)[KEY];
}
