/**
 * Log timestamps as the engine writes them (shared by the server, which turns `since` into the
 * engine's query form, and the browser's log view, which orders and resumes by them): RFC 3339 with up to nine fractional digits
 * (`2026-01-02T15:04:05.123456789Z`). A JS Date keeps only milliseconds, so instants are kept as
 * whole seconds plus nanoseconds: resuming a log at the exact line needs the full precision.
 */
const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

export interface LogInstant {
  seconds: number;
  nanos: number;
}

export function parseLogTime(s: string): LogInstant | null {
  const m = RFC3339.exec(s);
  if (!m) return null;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return null;
  return { seconds: Math.floor(ms / 1000), nanos: Number((m[2] ?? '').padEnd(9, '0')) };
}

/** Orders two log times; times that do not parse compare as strings (and sort after none). */
export function compareLogTimes(a: string, b: string): number {
  const x = parseLogTime(a);
  const y = parseLogTime(b);
  if (!x || !y) return a < b ? -1 : a > b ? 1 : 0;
  return x.seconds - y.seconds || x.nanos - y.nanos;
}

/**
 * The engine's query form of a time, `<seconds>.<nanoseconds>` with nine digits, as the docker CLI
 * sends it (the engine reads the fraction as an integer count of nanoseconds, so `1.5` would mean
 * 1 s + 5 ns). Accepts RFC 3339 or unix seconds; null for anything else.
 */
export function toEngineTime(v: string | number): string | null {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) return null;
    let seconds = Math.floor(v);
    let nanos = Math.round((v - seconds) * 1e9);
    if (nanos >= 1e9) {
      seconds += 1;
      nanos = 0;
    }
    return `${seconds}.${String(nanos).padStart(9, '0')}`;
  }
  const t = parseLogTime(v);
  return t ? `${t.seconds}.${String(t.nanos).padStart(9, '0')}` : null;
}
