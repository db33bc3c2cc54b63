import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isLoopbackHost, parseEngineAddress, plainTcpWarning } from '../../lib/protocol/engine-address';
import { engineNameSchema, type AddedEngineView } from '../../lib/protocol/engines';
import { parseEngineHost, type EngineEndpoint } from './connection';

/**
 * Engines a person added on the /engines page, kept in `<config dir>/engines.json`: mode 0600 in a
 * 0700 directory, written whole to a temporary file and renamed into place (a crash never leaves
 * half a file). TLS client keys live here and nowhere else: nothing that leaves the server carries
 * them (see `viewOf`). The registry reads this file (registry.ts); routes change it through
 * `engine-admin.ts`.
 */

const storedEngineSchema = z.object({
  name: engineNameSchema,
  address: z.string(),
  tls: z.object({ ca: z.string().optional(), cert: z.string().optional(), key: z.string().optional() }).optional(),
  acceptInsecure: z.boolean().optional(),
  addedAt: z.string(),
  updatedAt: z.string().optional(),
});
export type StoredEngine = z.infer<typeof storedEngineSchema>;

const FILE = 'engines.json';
const KEY = Symbol.for('dockside.addedEngines');
type Holder = { [KEY]?: { dir: string } };

/** Where the file lives (the server's --config-dir); until called, no engines are added. */
export function initAddedEngines(configDir: string): void {
  (globalThis as Holder)[KEY] = { dir: configDir };
}

function fileOf(): string | null {
  const h = (globalThis as Holder)[KEY];
  return h ? path.join(h.dir, FILE) : null;
}

/** A stamp of the file (size, mtime, inode): the registry re-reads it only when this changes. */
export function addedEnginesStamp(): string {
  const file = fileOf();
  if (!file) return '-';
  try {
    const st = fs.statSync(file);
    return `${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    return '0';
  }
}

/** Every stored engine; an unreadable file or entry is reported once on stderr and skipped, never fatal. */
export function readAddedEngines(): StoredEngine[] {
  const file = fileOf();
  if (!file) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    // Never the parser's message: V8 quotes the text around the fault, and this file holds TLS keys.
    const why = err instanceof SyntaxError ? 'it is not valid JSON' : (err as Error).message;
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') process.stderr.write(`dockside: cannot read ${file}: ${why}; no added engines until it is fixed.\n`);
    return [];
  }
  const list = (raw as { engines?: unknown })?.engines;
  if (!Array.isArray(list)) return [];
  const out: StoredEngine[] = [];
  for (const entry of list) {
    const parsed = storedEngineSchema.safeParse(entry);
    if (parsed.success && !out.some((e) => e.name === parsed.data.name)) out.push(parsed.data);
  }
  return out;
}

/** Replaces the file's content: 0700 directory, 0600 file, atomic rename. */
export function writeAddedEngines(list: StoredEngine[]): void {
  const file = fileOf();
  if (!file) throw new Error('The engine store is not initialised.');
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = path.join(dir, `.${FILE}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  try {
    // `wx`: never write through a file (or link) someone else put there.
    fs.writeFileSync(tmp, `${JSON.stringify({ engines: list }, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    fs.chmodSync(tmp, 0o600);
    fs.renameSync(tmp, file);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** What the browser may know of a stored engine: the address, and only whether each PEM part is set. */
export function viewOf(e: StoredEngine): AddedEngineView {
  return {
    address: e.address,
    ...(e.tls ? { tls: { ca: Boolean(e.tls.ca), cert: Boolean(e.tls.cert), key: Boolean(e.tls.key) } } : {}),
    ...(e.acceptInsecure ? { acceptInsecure: true } : {}),
    addedAt: e.addedAt,
    ...(e.updatedAt ? { updatedAt: e.updatedAt } : {}),
  };
}

/** What the engine is built from: a change rebuilds it (the registry compares these). */
export function signatureOf(e: StoredEngine): string {
  return crypto.createHash('sha256').update(JSON.stringify([e.address, e.tls ?? null, e.acceptInsecure ?? false])).digest('hex');
}

/**
 * How to reach a stored engine, or why it may not be used. TLS always verifies the engine's
 * certificate (against the stored CA, else the system's); plain TCP goes to loopback, or elsewhere
 * only with the risk accepted for this engine.
 */
export function endpointOf(e: Pick<StoredEngine, 'address' | 'tls' | 'acceptInsecure'>): { endpoint: EngineEndpoint; error?: undefined } | { endpoint?: undefined; error: string } {
  const parsed = parseEngineAddress(e.address);
  if (!parsed) return { error: `"${e.address}" is not unix:///path, tcp://host:port or ssh://user@host[:port].` };
  if (parsed.transport !== 'tcp') {
    try {
      return { endpoint: parseEngineHost(e.address) };
    } catch (err) {
      return { error: (err as Error).message };
    }
  }
  const hostPort = `${parsed.host.includes(':') ? `[${parsed.host}]` : parsed.host}:${parsed.port}`;
  if (!e.tls) {
    if (!isLoopbackHost(parsed.host) && !e.acceptInsecure) {
      return { error: `Plain TCP (no TLS) to ${parsed.host} is refused: anyone on the network path could take root on that host. Use TLS or SSH, or accept the risk for this engine.` };
    }
    return { endpoint: { label: `tcp://${hostPort}`, options: { host: parsed.host, port: parsed.port, protocol: 'http' }, warning: plainTcpWarning(parsed.host) } };
  }
  const { ca, cert, key } = e.tls;
  return {
    endpoint: {
      label: `tcp://${hostPort} (TLS)`,
      options: {
        host: parsed.host,
        port: parsed.port,
        protocol: 'https',
        ...(ca ? { ca } : {}),
        ...(cert && key ? { cert, key } : {}),
      },
    },
  };
}
