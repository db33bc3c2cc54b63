import { isLoopbackHost } from '../../lib/protocol/engine-address';
import { DEFAULT_ENGINE_NAME, engineNameSchema, type AddedEngineView, type EngineSource } from '../../lib/protocol/engines';
import { addedEnginesStamp, endpointOf, readAddedEngines, signatureOf, viewOf } from './added-engines';
import { parseEngineHost, resolveEngineEndpoint, type EngineEndpoint } from './connection';
import { currentContextName, dockerConfigDir, readDockerContexts, type DockerContextEntry } from './contexts';
import { createDockerEngine } from './docker/engine';
import type { Engine } from './engine';
import { EngineError } from './errors';
import { unavailableEngine } from './unavailable';

/**
 * Every engine Dockside can talk to, by name:
 * - `default`: the one the docker CLI would use — DOCKER_HOST, else the current docker context,
 *   else the default socket (or the sandbox, when Dockside started one);
 * - DOCKSIDE_ENGINES: comma-separated `name=unix:///path`, `name=tcp://host:port` (plain TCP: to
 *   loopback, or `name=insecure:tcp://host:port` to accept the risk for another machine) or
 *   `name=ssh://user@host[:port]` (the system ssh, as the docker CLI uses it: ssh.ts);
 * - engines added on the /engines page (added-engines.ts), re-read when their file changes;
 * - the user's docker contexts (contexts.ts), read-only, re-read when they change;
 * - engines registered in code (`registerEngine`).
 * A new kind of engine (SSH, Podman) is another `Engine` registered here; nothing above changes.
 */
interface ContextEngine {
  signature: string;
  engine: Engine;
  description?: string;
}

interface AddedEngine {
  signature: string;
  engine: Engine;
  view: AddedEngineView;
}

interface Registry {
  /** Explicit engines: default, DOCKSIDE_ENGINES, registered. They shadow added engines and contexts of the same name. */
  engines: Map<string, { engine: Engine; source: EngineSource }>;
  /** Added on the /engines page; they shadow a context of the same name. */
  added: Map<string, AddedEngine>;
  addedStamp: string;
  contexts: Map<string, ContextEngine>;
  contextsReadAt: number;
  seeded: boolean;
}

/** Contexts are re-read at most this often (changes are picked up without a restart). */
const CONTEXTS_TTL_MS = 2000;

// Anchored on globalThis: the custom server and Next's bundled route handlers load this module
// separately, and both must see the same engines (one client, one set of sockets each).
const KEY = Symbol.for('dockside.engineRegistry');
type Holder = { [KEY]?: Registry };

function registry(): Registry {
  const holder = globalThis as Holder;
  holder[KEY] ??= { engines: new Map(), added: new Map(), addedStamp: '', contexts: new Map(), contextsReadAt: 0, seeded: false };
  const r = holder[KEY];
  if (!r.seeded) {
    r.seeded = true;
    for (const [name, endpoint] of parseExtraEngines(process.env.DOCKSIDE_ENGINES)) r.engines.set(name, { engine: createDockerEngine(name, endpoint), source: 'env' });
  }
  return r;
}

/** The marker before `tcp://` in a DOCKSIDE_ENGINES entry that accepts plain TCP to another machine. */
export const INSECURE_ENV_PREFIX = 'insecure:';

/**
 * `a=unix:///x.sock,b=tcp://127.0.0.1:2375,c=ssh://me@host,d=insecure:tcp://10.0.0.5:2375` → named
 * endpoints. Throws on a malformed entry, and on plain TCP to another machine without `insecure:`.
 */
export function parseExtraEngines(spec: string | undefined): Array<[string, EngineEndpoint]> {
  if (!spec?.trim()) return [];
  return spec
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const eq = entry.indexOf('=');
      const name = engineNameSchema.safeParse(entry.slice(0, Math.max(eq, 0)));
      if (eq < 1 || !name.success) throw new Error(`DOCKSIDE_ENGINES: "${entry}" is not name=unix:///path, name=tcp://host:port or name=ssh://user@host.`);
      if (name.data === DEFAULT_ENGINE_NAME) throw new Error(`DOCKSIDE_ENGINES: "${DEFAULT_ENGINE_NAME}" is the engine DOCKER_HOST names; pick another name.`);
      let address = entry.slice(eq + 1);
      const insecure = address.startsWith(INSECURE_ENV_PREFIX);
      if (insecure) address = address.slice(INSECURE_ENV_PREFIX.length);
      const endpoint = parseEngineHost(address);
      const plainHost = address.startsWith('tcp://') ? String(endpoint.options.host ?? '') : null;
      if (insecure && (plainHost === null || isLoopbackHost(plainHost))) {
        throw new Error(`DOCKSIDE_ENGINES: "${entry}": "${INSECURE_ENV_PREFIX}" is only for plain tcp:// to another machine.`);
      }
      if (plainHost !== null && !insecure && !isLoopbackHost(plainHost)) {
        throw new Error(
          `DOCKSIDE_ENGINES: "${name.data}" is plain TCP (no TLS) to ${plainHost}: anyone on the network path could take root on that host. ` +
            `Use ssh:// or a docker context with TLS, or write ${name.data}=${INSECURE_ENV_PREFIX}${address} to accept the risk.`,
        );
      }
      return [name.data, endpoint];
    });
}

function engineOfContext(name: string, ctx: DockerContextEntry): Engine {
  return ctx.endpoint ? createDockerEngine(name, ctx.endpoint) : unavailableEngine(name, ctx.host || '(no endpoint)', ctx.error ?? 'Unusable context.');
}

/** Brings the context engines in line with the files: new ones added, changed ones rebuilt, gone ones closed. */
function syncContexts(r: Registry, force = false): void {
  const now = Date.now();
  if (!force && now - r.contextsReadAt < CONTEXTS_TTL_MS) return;
  r.contextsReadAt = now;
  const seen = new Set<string>();
  for (const ctx of readDockerContexts(dockerConfigDir())) {
    seen.add(ctx.name);
    const kept = r.contexts.get(ctx.name);
    if (kept?.signature === ctx.signature) continue;
    kept?.engine.close();
    r.contexts.set(ctx.name, { signature: ctx.signature, engine: engineOfContext(ctx.name, ctx), ...(ctx.description ? { description: ctx.description } : {}) });
  }
  for (const [name, kept] of r.contexts) {
    if (seen.has(name)) continue;
    kept.engine.close();
    r.contexts.delete(name);
  }
}

/** Brings the added engines in line with their file (read again only when the file changed). */
function syncAdded(r: Registry): void {
  const stamp = addedEnginesStamp();
  if (stamp === r.addedStamp) return;
  r.addedStamp = stamp;
  const seen = new Set<string>();
  for (const stored of readAddedEngines()) {
    seen.add(stored.name);
    const signature = signatureOf(stored);
    const kept = r.added.get(stored.name);
    if (kept?.signature === signature) {
      kept.view = viewOf(stored);
      continue;
    }
    kept?.engine.close();
    const { endpoint, error } = endpointOf(stored);
    const engine = endpoint ? createDockerEngine(stored.name, endpoint) : unavailableEngine(stored.name, stored.address, error);
    r.added.set(stored.name, { signature, engine, view: viewOf(stored) });
  }
  for (const [name, kept] of r.added) {
    if (seen.has(name)) continue;
    kept.engine.close();
    r.added.delete(name);
  }
}

/** Re-reads the added engines now (after the /engines page changed them), not at the next look. */
export function reloadAddedEngines(): void {
  const r = registry();
  r.addedStamp = '';
  syncAdded(r);
}

/** The default engine: DOCKER_HOST, else the current docker context, else the default socket. */
function createDefaultEngine(): Engine {
  const configDir = dockerConfigDir();
  const current = process.env.DOCKER_HOST?.trim() ? null : currentContextName(configDir);
  if (!current) {
    try {
      return createDockerEngine(DEFAULT_ENGINE_NAME, resolveEngineEndpoint());
    } catch (err) {
      // A DOCKER_HOST Dockside cannot or will not use: the engine says why on every call and page.
      return unavailableEngine(DEFAULT_ENGINE_NAME, process.env.DOCKER_HOST?.trim() ?? 'DOCKER_HOST', (err as Error).message);
    }
  }
  const ctx = readDockerContexts(configDir).find((c) => c.name === current);
  if (!ctx) return unavailableEngine(DEFAULT_ENGINE_NAME, `context ${current}`, `The current docker context \`${current}\` does not exist (DOCKER_CONTEXT or currentContext in ${configDir}/config.json).`);
  if (!ctx.endpoint) return unavailableEngine(DEFAULT_ENGINE_NAME, `${ctx.host} (context ${current})`, ctx.error ?? 'Unusable context.');
  return createDockerEngine(DEFAULT_ENGINE_NAME, { ...ctx.endpoint, label: `${ctx.endpoint.label} (context ${current})` });
}

function lookup(r: Registry, name: string): Engine | undefined {
  return r.engines.get(name)?.engine ?? r.added.get(name)?.engine ?? r.contexts.get(name)?.engine;
}

/**
 * The engine called `name`, or the default engine when no name is given. An unknown name is an
 * EngineError `not_found` (a 404 for routes, an error frame for channels).
 */
export function getEngine(name?: string): Engine {
  const r = registry();
  const key = name ?? DEFAULT_ENGINE_NAME;
  if (key === DEFAULT_ENGINE_NAME && !r.engines.has(key)) r.engines.set(key, { engine: createDefaultEngine(), source: 'default' });
  syncAdded(r);
  syncContexts(r);
  let engine = lookup(r, key);
  if (!engine) {
    // A context created a moment ago: look again now rather than at the next re-read.
    syncContexts(r, true);
    engine = lookup(r, key);
  }
  if (!engine) throw new EngineError('not_found', `No engine called \`${key}\`. Known engines: ${listEngines().map((e) => e.name).join(', ')}.`);
  return engine;
}

export interface RegisteredEngine {
  engine: Engine;
  source: EngineSource;
  description?: string;
  /** Engines added on the /engines page: their settings as the browser may see them. */
  added?: AddedEngineView;
}

/** Every engine with where it comes from: the default one first, then by name. */
export function listEngineEntries(): RegisteredEngine[] {
  getEngine();
  const r = registry();
  const explicit = [...r.engines.values()];
  const added = [...r.added.entries()].filter(([name]) => !r.engines.has(name)).map(([, a]) => ({ engine: a.engine, source: 'added' as const, added: a.view }));
  const contexts = [...r.contexts.entries()]
    .filter(([name]) => !r.engines.has(name) && !r.added.has(name))
    .map(([, c]) => ({ engine: c.engine, source: 'context' as const, ...(c.description ? { description: c.description } : {}) }));
  const all: RegisteredEngine[] = [...explicit, ...added, ...contexts];
  const rank = (e: RegisteredEngine) => (e.engine.name === DEFAULT_ENGINE_NAME ? 0 : 1);
  return all.sort((x, y) => rank(x) - rank(y) || x.engine.name.localeCompare(y.engine.name));
}

/**
 * Who already has this name, if anyone: the default engine, DOCKSIDE_ENGINES, a registered one, an
 * added one, or a docker context (read now, so one created a moment ago counts).
 */
export function engineNameOwner(name: string): EngineSource | null {
  const r = registry();
  if (name === DEFAULT_ENGINE_NAME) return 'default';
  const explicit = r.engines.get(name);
  if (explicit) return explicit.source;
  syncAdded(r);
  if (r.added.has(name)) return 'added';
  syncContexts(r, true);
  return r.contexts.has(name) ? 'context' : null;
}

/** Every engine, the default one first. */
export function listEngines(): Engine[] {
  return listEngineEntries().map((e) => e.engine);
}

/** Adds an engine, or replaces the one of the same name (closing it). */
export function registerEngine(engine: Engine): void {
  const r = registry();
  const old = r.engines.get(engine.name)?.engine;
  r.engines.set(engine.name, { engine, source: 'registered' });
  if (old && old !== engine) old.close();
}

/** Removes an engine; the default engine is re-created on next use. Contexts come from their files. */
export function unregisterEngine(name: string): void {
  const r = registry();
  r.engines.get(name)?.engine.close();
  r.engines.delete(name);
}

/** Forget the default engine so the next call re-reads DOCKER_HOST (used once, when switching to the sandbox). */
export function resetDefaultEngine(): void {
  unregisterEngine(DEFAULT_ENGINE_NAME);
}
