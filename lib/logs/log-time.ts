import { parseLogTime } from '../protocol/log-time';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `2026-01-02 15:04:05.123` in the viewer's local time zone; the raw text if it does not parse. */
export function formatLogTime(s: string): string {
  const t = parseLogTime(s);
  if (!t) return s;
  const d = new Date(t.seconds * 1000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(Math.floor(t.nanos / 1e6), 3)}`;
}
