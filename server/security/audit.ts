import fs from 'node:fs';
import path from 'node:path';
import type { AuditEntry } from '../../lib/protocol/audit';

/**
 * The audit log: every mutation as one JSON line in `<config-dir>/audit.log`, rotated at 5 MB
 * (audit.log.1 … .3 kept). State hangs on globalThis because Next bundles route handlers apart
 * from the custom server, and both must write to — and read — the same file.
 */
export const AUDIT_ID_HEADER = 'x-dockside-audit-id';
const MAX_BYTES = 5 * 1024 * 1024;
const KEEP = 3;

interface AuditState {
  file: string;
  maxBytes: number;
  keep: number;
  size: number;
  /** What route handlers leave for the entry written when the response finishes. */
  details: Map<string, AuditNote>;
}

/** A route handler's notes on its request: the body summary, and the status it answered with. */
export interface AuditNote {
  action?: string;
  detail?: unknown;
  status?: number;
}

const KEY = Symbol.for('dockside.audit');
type Holder = { [KEY]?: AuditState };
const state = () => (globalThis as Holder)[KEY];

export function initAudit(configDir: string, opts: { maxBytes?: number; keep?: number } = {}): string {
  fs.mkdirSync(configDir, { recursive: true, mode: 0o700 });
  const file = path.join(configDir, 'audit.log');
  let size = 0;
  try {
    size = fs.statSync(file).size;
  } catch {
    // No log yet.
  }
  (globalThis as Holder)[KEY] = { file, maxBytes: opts.maxBytes ?? MAX_BYTES, keep: opts.keep ?? KEEP, size, details: new Map() };
  return file;
}

function rotate(s: AuditState): void {
  for (let i = s.keep - 1; i >= 1; i--) {
    try {
      fs.renameSync(`${s.file}.${i}`, `${s.file}.${i + 1}`);
    } catch {
      // That generation does not exist yet.
    }
  }
  try {
    fs.renameSync(s.file, `${s.file}.1`);
  } catch {
    // Nothing to rotate.
  }
  s.size = 0;
}

export type AuditInput = Omit<AuditEntry, 'time' | 'outcome'> & { outcome?: AuditEntry['outcome'] };

export function outcomeOf(status: number | undefined): AuditEntry['outcome'] {
  if (status === undefined) return 'requested';
  if (status === 0) return 'aborted';
  if (status < 400) return 'ok';
  return [401, 403, 405, 421, 429].includes(status) ? 'refused' : 'failed';
}

/** Appends one entry. Synchronous and small: mutations are rare, and the order must be kept. */
export function audit(input: AuditInput): void {
  const s = state();
  if (!s) return;
  const entry: AuditEntry = { time: new Date().toISOString(), ...input, outcome: input.outcome ?? outcomeOf(input.status) };
  const line = `${JSON.stringify(entry)}\n`;
  try {
    if (s.size > 0 && s.size + line.length > s.maxBytes) rotate(s);
    fs.appendFileSync(s.file, line, { mode: 0o600 });
    s.size += Buffer.byteLength(line);
  } catch (err) {
    process.stderr.write(`dockside: cannot write the audit log ${s.file}: ${(err as Error).message}\n`);
  }
}

function readEntries(file: string): AuditEntry[] {
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const out: AuditEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      out.push(JSON.parse(line) as AuditEntry);
    } catch {
      // A torn last line (crash mid-write) is skipped, not fatal.
    }
  }
  return out;
}

/** The newest `limit` entries, newest first. */
export function readAuditLog(limit: number): AuditEntry[] {
  const s = state();
  if (!s) return [];
  const out: AuditEntry[] = [];
  for (let gen = 0; gen <= s.keep && out.length < limit; gen++) {
    const entries = readEntries(gen === 0 ? s.file : `${s.file}.${gen}`);
    for (let i = entries.length - 1; i >= 0 && out.length < limit; i--) out.push(entries[i]!);
  }
  return out;
}

/** Route handlers call this with the validated body; the pipeline adds it to the request's entry. */
export function noteAuditDetail(id: string | null | undefined, body: unknown): void {
  const s = state();
  if (!s || !id) return;
  const action = body && typeof body === 'object' && typeof (body as { action?: unknown }).action === 'string' ? (body as { action: string }).action : undefined;
  s.details.set(id, { ...s.details.get(id), action, detail: summariseForAudit(body) });
}

/**
 * Route handlers call this with the status they answered, when they are done. If the client went
 * away before the answer, the audit entry still gets the real result from here.
 */
export function noteAuditOutcome(id: string | null | undefined, status: number): void {
  const s = state();
  if (!s || !id) return;
  s.details.set(id, { ...s.details.get(id), status });
}

export function takeAuditDetail(id: string): AuditNote | undefined {
  const s = state();
  const d = s?.details.get(id);
  s?.details.delete(id);
  return d;
}

// Keys whose values are never written: credentials, and env (containers keep secrets there).
const SECRET_KEY = /pass|secret|token|auth|cookie|credential|^env$|environment|private|key$/i;
const MAX_STRING = 200;

/** A bounded, redacted copy of a request body or channel parameters. */
export function summariseForAudit(value: unknown, depth = 0): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (depth >= 4) return '…';
  if (Array.isArray(value)) {
    const items = value.slice(0, 20).map((v) => summariseForAudit(v, depth + 1));
    return value.length > 20 ? [...items, `… ${value.length - 20} more`] : items;
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>).slice(0, 50)) {
      out[k] = SECRET_KEY.test(k) ? '[redacted]' : summariseForAudit(v, depth + 1);
    }
    return out;
  }
  return undefined;
}
