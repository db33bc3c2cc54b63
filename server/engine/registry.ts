import { DEFAULT_ENGINE_NAME, engineNameSchema } from '../../lib/protocol/engines';
import { parseEngineHost, resolveEngineEndpoint } from './connection';
import { createDockerEngine } from './docker/engine';
import type { Engine } from './engine';
import { EngineError } from './errors';

/**
 * Every engine Dockside can talk to, by name. `default` is the one the docker CLI would use
 * (DOCKER_HOST, else the default socket; the sandbox when Dockside switched to it). More engines
 * are more entries: `registerEngine(createDockerEngine(name, endpoint))` for another socket or
 * TCP+TLS host, and later SSH or Podman engines behind the same `Engine` interface.
 *
 * Extra engines can be listed at start-up in DOCKSIDE_ENGINES, comma-separated `name=unix:///path`
 * or `name=tcp://host:port` (plain TCP; TLS through DOCKER_CERT_PATH is the default engine's only).
 */
interface Registry {
  engines: Map<string, Engine>;
  /** DOCKSIDE_ENGINES has been read. */
  seeded: boolean;
}

// Anchored on globalThis: the custom server and Next's bundled route handlers load this module
// separately, and both must see the same engines (one client, one set of sockets each).
const KEY = Symbol.for('dockside.engineRegistry');
type Holder = { [KEY]?: Registry };

function registry(): Registry {
  const holder = globalThis as Holder;
  holder[KEY] ??= { engines: new Map(), seeded: false };
  const r = holder[KEY];
  if (!r.seeded) {
    r.seeded = true;
    for (const [name, endpoint] of parseExtraEngines(process.env.DOCKSIDE_ENGINES)) r.engines.set(name, createDockerEngine(name, endpoint));
  }
  return r;
}

/** `a=unix:///x.sock,b=tcp://127.0.0.1:2375` → named endpoints. Throws on a malformed entry. */
export function parseExtraEngines(spec: string | undefined): Array<[string, ReturnType<typeof parseEngineHost>]> {
  if (!spec?.trim()) return [];
  return spec
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const eq = entry.indexOf('=');
      const name = engineNameSchema.safeParse(entry.slice(0, Math.max(eq, 0)));
      if (eq < 1 || !name.success) throw new Error(`DOCKSIDE_ENGINES: "${entry}" is not name=unix:///path or name=tcp://host:port.`);
      if (name.data === DEFAULT_ENGINE_NAME) throw new Error(`DOCKSIDE_ENGINES: "${DEFAULT_ENGINE_NAME}" is the engine DOCKER_HOST names; pick another name.`);
      return [name.data, parseEngineHost(entry.slice(eq + 1))];
    });
}

/**
 * The engine called `name`, or the default engine when no name is given. An unknown name is an
 * EngineError `not_found` (a 404 for routes, an error frame for channels).
 */
export function getEngine(name?: string): Engine {
  const r = registry();
  const key = name ?? DEFAULT_ENGINE_NAME;
  let engine = r.engines.get(key);
  if (!engine && key === DEFAULT_ENGINE_NAME) {
    engine = createDockerEngine(DEFAULT_ENGINE_NAME, resolveEngineEndpoint());
    r.engines.set(key, engine);
  }
  if (!engine) throw new EngineError('not_found', `No engine called \`${key}\`. Known engines: ${listEngines().map((e) => e.name).join(', ')}.`);
  return engine;
}

/** Every engine, the default one first. */
export function listEngines(): Engine[] {
  getEngine();
  const all = [...registry().engines.values()];
  return [...all.filter((e) => e.name === DEFAULT_ENGINE_NAME), ...all.filter((e) => e.name !== DEFAULT_ENGINE_NAME)];
}

/** Adds an engine, or replaces the one of the same name (closing it). */
export function registerEngine(engine: Engine): void {
  const r = registry();
  const old = r.engines.get(engine.name);
  r.engines.set(engine.name, engine);
  if (old && old !== engine) old.close();
}

/** Removes an engine; the default engine cannot be removed (it is re-created on next use). */
export function unregisterEngine(name: string): void {
  const r = registry();
  r.engines.get(name)?.close();
  r.engines.delete(name);
}

/** Forget the default engine so the next call re-reads DOCKER_HOST (used once, when switching to the sandbox). */
export function resetDefaultEngine(): void {
  unregisterEngine(DEFAULT_ENGINE_NAME);
}
