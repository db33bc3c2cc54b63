/**
 * A log time bound as typed in one text field (one Tab stop, unlike a datetime-local control's
 * six): empty = none; a duration ago (`30s`, `15m`, `2h`, `1d`, `1h30m`); or a local date-time
 * (`2026-12-02 14:05`, `2026-12-02T14:05:09`, `14:05` = today). Returns an ISO instant, undefined
 * for empty, or null when it cannot be read.
 */
export function parseTimeBound(text: string, now: Date = new Date()): string | undefined | null {
  const t = text.trim();
  if (!t) return undefined;
  const rel = /^(?:(\d+)d)?\s*(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+)s)?(?:\s*ago)?$/i.exec(t);
  if (rel && rel.slice(1).some((x) => x !== undefined)) {
    const [d, h, m, s] = rel.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number];
    return new Date(now.getTime() - (((d * 24 + h) * 60 + m) * 60 + s) * 1000).toISOString();
  }
  const clock = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (clock) {
    const d = new Date(now);
    d.setHours(Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0), 0);
    return Number.isNaN(d.getTime()) || Number(clock[1]) > 23 || Number(clock[2]) > 59 ? null : d.toISOString();
  }
  const full = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (full) {
    const [y, mo, da, hh, mi, ss] = full.slice(1).map((x) => Number(x ?? 0)) as number[];
    const d = new Date(y!, mo! - 1, da!, hh!, mi!, ss!);
    return d.getMonth() !== mo! - 1 || hh! > 23 || mi! > 59 || ss! > 59 ? null : d.toISOString();
  }
  const iso = new Date(t);
  return /\d{4}-\d{2}-\d{2}T/.test(t) && !Number.isNaN(iso.getTime()) ? iso.toISOString() : null;
}

/** An instant as the field shows it: local `YYYY-MM-DD HH:MM:SS`. */
export function formatTimeBound(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
