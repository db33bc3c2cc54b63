/**
 * The docker CLI's value grammars for sizes, durations and ports, parsed and written back so that
 * writing what was parsed reads back the same.
 */

const BINARY: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/** `512m`, `1g`, `1.5GiB`, `1048576` → bytes, as go-units `RAMInBytes` (binary multiples). */
export function parseBytes(input: string): number | null {
  const m = /^(\d+(?:\.\d+)?) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(input.trim());
  if (!m) return null;
  const n = Number(m[1]) * BINARY[(m[2] ?? '').toLowerCase()]!;
  return Number.isSafeInteger(Math.floor(n)) ? Math.floor(n) : null;
}

/** Bytes → the shortest exact CLI size (`512m`, `1g`, or plain bytes). */
export function formatBytes(bytes: number): string {
  for (const unit of ['p', 't', 'g', 'm', 'k'] as const) {
    const mult = BINARY[unit]!;
    if (bytes >= mult && bytes % mult === 0) return `${bytes / mult}${unit}`;
  }
  return String(bytes);
}

const DURATION_UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** A Go duration (`30s`, `1m30s`, `500ms`, `0`) → nanoseconds. */
export function parseDuration(input: string): number | null {
  const s = input.trim();
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let i = 0;
  if (!s) return null;
  while (i < s.length) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) return null;
    total += Number(m[1]) * DURATION_UNITS[m[2]!]!;
    i = re.lastIndex;
  }
  return Number.isSafeInteger(Math.round(total)) ? Math.round(total) : null;
}

/** Nanoseconds → the largest exact unit (`90s`, `2m`, `500ms`). */
export function formatDuration(ns: number): string {
  if (ns === 0) return '0s';
  for (const unit of ['h', 'm', 's', 'ms', 'us'] as const) {
    const mult = DURATION_UNITS[unit]!;
    if (ns % mult === 0) return `${ns / mult}${unit}`;
  }
  return `${ns}ns`;
}
