import Docker from 'dockerode';
import { resolveEngineEndpoint, type EngineEndpoint } from './connection';

interface EngineClient {
  docker: Docker;
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
    holder[KEY] = { docker: new Docker(endpoint.options), endpoint };
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
