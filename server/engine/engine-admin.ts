import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import { ENGINE_NAME_OWNERS, type AddEngineRequest, type EditEngineRequest, type SavedEngine } from '../../lib/protocol/engine-address';
import type { EngineSource } from '../../lib/protocol/engines';
import { endpointOf, readAddedEngines, viewOf, writeAddedEngines, type StoredEngine } from './added-engines';
import type { EngineEndpoint } from './connection';
import { ENGINE_DEADLINE_MS } from './docker/context';
import { createDockerEngine } from './docker/engine';
import { EngineError } from './errors';
import { engineNameOwner, reloadAddedEngines } from './registry';

/**
 * Adding, editing and removing the engines of the /engines page. Each change is checked against the
 * engine first (`/_ping` and `/version` over the new settings) and refused when it does not answer,
 * unless the person chose to save it anyway; names never clash with an engine from elsewhere; the
 * registry sees the change at once. Changes run one at a time (each reads, then writes, the file).
 */

interface CheckResult {
  answered: boolean;
  error?: string;
  product?: string;
  version?: string;
}

/** Asks the engine at `endpoint` who it is, over a connection of its own, then lets it go. */
async function checkEndpoint(name: string, endpoint: EngineEndpoint): Promise<CheckResult> {
  const engine = createDockerEngine(name, endpoint);
  try {
    const status = await engine.system.probe({ sandbox: false, readOnly: false });
    if (!status.reachable) return { answered: false, error: status.error ?? `Nothing answers at ${endpoint.label}.` };
    if (!(await engine.system.ping(ENGINE_DEADLINE_MS))) return { answered: false, error: `engine \`${name}\` (${endpoint.label}) answered /version but not /_ping.` };
    return { answered: true, ...(status.product ? { product: status.product } : {}), ...(status.version ? { version: status.version } : {}) };
  } finally {
    engine.close();
  }
}

const KEY = Symbol.for('dockside.engineAdminQueue');
type Holder = { [KEY]?: Promise<unknown> };

/** Runs `fn` after every change before it (across Next's and the server's module copies). */
function serial<T>(fn: () => Promise<T>): Promise<T> {
  const h = globalThis as Holder;
  const run = (h[KEY] ?? Promise.resolve()).then(fn, fn);
  h[KEY] = run.catch(() => undefined);
  return run;
}

function ownerWords(source: EngineSource): string {
  return ENGINE_NAME_OWNERS[source];
}

/** Checks, then stores (or refuses); what the check said goes back with the saved view. */
async function save(stored: StoredEngine, saveAnyway: boolean | undefined, rest: StoredEngine[]): Promise<SavedEngine> {
  const { endpoint, error } = endpointOf(stored);
  if (!endpoint) throw new EngineError('bad_request', error);
  if (stored.tls) {
    // PEM text OpenSSL cannot read, or a key that is not the certificate's, is the person's to fix: say so before dialling.
    try {
      // OpenSSL skips a CA it cannot read when it builds the context; reading it as a certificate does not.
      if (stored.tls.ca) new X509Certificate(stored.tls.ca);
      tls.createSecureContext(stored.tls);
    } catch (err) {
      throw new EngineError('bad_request', `The TLS material cannot be used (${(err as Error).message.replace(/^error:[0-9A-F]+:/i, '')}): check the CA certificate, the client certificate and its key.`);
    }
  }
  const check = await checkEndpoint(stored.name, endpoint);
  if (!check.answered && !saveAnyway) {
    throw new EngineError('engine_unreachable', `${check.error} Nothing was saved: check the address and TLS material, or choose "Save anyway" to keep it and show it as down.`);
  }
  writeAddedEngines([...rest, stored].sort((a, b) => a.name.localeCompare(b.name)));
  reloadAddedEngines();
  return { name: stored.name, view: viewOf(stored), ...check };
}

/** POST /api/engines. 409 when the name is taken (by any engine), 400 for plain TCP off this machine without the risk accepted. */
export function addEngine(req: AddEngineRequest): Promise<SavedEngine> {
  return serial(async () => {
    const owner = engineNameOwner(req.name);
    if (owner) throw new EngineError('conflict', `The name \`${req.name}\` is taken by ${ownerWords(owner)}. Pick another name.`);
    const stored: StoredEngine = {
      name: req.name,
      address: req.address,
      ...(req.tls ? { tls: { ...req.tls } } : {}),
      ...(req.acceptInsecure && !req.tls ? { acceptInsecure: true } : {}),
      addedAt: new Date().toISOString(),
    };
    return save(stored, req.saveAnyway, readAddedEngines());
  });
}

/** The stored engine called `name`, or why it cannot be changed here (404, or 409 for one from elsewhere). */
function ownStored(name: string): { stored: StoredEngine; rest: StoredEngine[] } {
  const all = readAddedEngines();
  const stored = all.find((e) => e.name === name);
  if (stored) return { stored, rest: all.filter((e) => e !== stored) };
  const owner = engineNameOwner(name);
  if (owner) throw new EngineError('conflict', `\`${name}\` is ${ownerWords(owner)}: Dockside shows it but does not change it.`);
  throw new EngineError('not_found', `No engine called \`${name}\` was added in Dockside.`);
}

/**
 * PUT /api/engines/<name>. A TLS part left out keeps what is stored (the browser never had the key),
 * `null` removes it; `tls: null` turns TLS off.
 */
export function editEngine(name: string, req: EditEngineRequest): Promise<SavedEngine> {
  return serial(async () => {
    const { stored, rest } = ownStored(name);
    let tls: StoredEngine['tls'];
    if (req.tls === undefined) tls = stored.tls;
    else if (req.tls === null) tls = undefined;
    else {
      tls = { ...stored.tls };
      for (const part of ['ca', 'cert', 'key'] as const) {
        const given = req.tls[part];
        if (given === null) delete tls[part];
        else if (given !== undefined) tls[part] = given;
      }
    }
    if (tls && Boolean(tls.cert) !== Boolean(tls.key)) throw new EngineError('bad_request', 'A client certificate and its key go together: give both or neither.');
    const next: StoredEngine = {
      name,
      address: req.address,
      ...(tls ? { tls } : {}),
      ...(req.acceptInsecure && !tls ? { acceptInsecure: true } : {}),
      addedAt: stored.addedAt,
      updatedAt: new Date().toISOString(),
    };
    return save(next, req.saveAnyway, rest);
  });
}

/** DELETE /api/engines/<name>: forgets it (its connections close). */
export function removeEngine(name: string): Promise<void> {
  return serial(async () => {
    const { rest } = ownStored(name);
    writeAddedEngines(rest);
    reloadAddedEngines();
  });
}

/** What the audit log records of a change: never PEM text, only whether each part was given. */
export function auditSummaryOf(name: string, req: Partial<AddEngineRequest> | EditEngineRequest, saved?: SavedEngine): Record<string, unknown> {
  const tls = req.tls === null ? 'off' : req.tls ? Object.fromEntries(Object.entries(req.tls).map(([k, v]) => [k === 'key' ? 'clientKey' : k, v === null ? 'removed' : v ? 'given' : 'kept'])) : undefined;
  return {
    name,
    address: req.address,
    ...(tls ? { tls } : {}),
    ...(req.acceptInsecure ? { acceptInsecure: true, risk: 'plain TCP to another machine accepted' } : {}),
    ...(req.saveAnyway ? { saveAnyway: true } : {}),
    ...(saved ? { answered: saved.answered } : {}),
  };
}
