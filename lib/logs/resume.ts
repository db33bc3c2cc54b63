import { compareLogTimes } from '../protocol/log-time';

/**
 * Resuming a log without loss or duplicates. The viewer re-opens with `since` = the time of the
 * last line it has; the engine's `since` is inclusive (at nanosecond precision in some versions,
 * whole seconds in others), so the first lines that come back may be ones already shown. They are
 * recognised by time: anything older than the boundary was seen, and at the boundary time itself
 * a line was seen if an identical text was seen at that time (two lines may share a timestamp).
 */

interface TimedText {
  time: string;
  text: string;
}

/** A boundary of what a viewer holds: a time, and the texts it holds at exactly that time. */
export interface LogBoundary {
  time: string;
  texts: string[];
}

/** The end of `lines` (oldest first): the last timestamp and every text held at it. */
export function boundaryAtEnd(lines: readonly TimedText[]): LogBoundary | null {
  let i = lines.length - 1;
  while (i >= 0 && !lines[i]!.time) i--;
  if (i < 0) return null;
  const time = lines[i]!.time;
  const texts: string[] = [];
  for (; i >= 0 && (lines[i]!.time === time || !lines[i]!.time); i--) if (lines[i]!.time) texts.push(lines[i]!.text);
  return { time, texts: texts.reverse() };
}

/** The start of `lines`: the first timestamp and every text held at it. */
export function boundaryAtStart(lines: readonly TimedText[]): LogBoundary | null {
  let i = 0;
  while (i < lines.length && !lines[i]!.time) i++;
  if (i >= lines.length) return null;
  const time = lines[i]!.time;
  const texts: string[] = [];
  for (; i < lines.length && (lines[i]!.time === time || !lines[i]!.time); i++) if (lines[i]!.time) texts.push(lines[i]!.text);
  return { time, texts };
}

/** Removes one occurrence of `text`; false if there was none. */
function take(texts: string[], text: string): boolean {
  const i = texts.indexOf(text);
  if (i < 0) return false;
  texts.splice(i, 1);
  return true;
}

/**
 * Filters the lines that arrive after a resume (in order, possibly over several batches). Returns
 * the new lines and the boundary still to watch for, or null once past it (then pass everything).
 * Lines without a timestamp cannot be placed and are kept.
 */
export function dropResent<L extends TimedText>(boundary: LogBoundary | null, lines: readonly L[]): { lines: L[]; boundary: LogBoundary | null } {
  if (!boundary) return { lines: [...lines], boundary: null };
  const pending = { time: boundary.time, texts: [...boundary.texts] };
  const out: L[] = [];
  let past = false;
  for (const line of lines) {
    if (past || !line.time) {
      out.push(line);
      continue;
    }
    const order = compareLogTimes(line.time, pending.time);
    if (order < 0) continue;
    if (order === 0 && take(pending.texts, line.text)) continue;
    if (order > 0) past = true;
    out.push(line);
  }
  return { lines: out, boundary: past ? null : pending };
}

/**
 * Trims a page of older lines (fetched with `until` = the first held line's time, inclusive) so
 * it ends right before what the viewer already holds from `boundary` on.
 */
export function dropOverlapBefore<L extends TimedText>(boundary: LogBoundary | null, older: readonly L[]): L[] {
  if (!boundary) return [...older];
  const held = [...boundary.texts];
  const keep: L[] = [];
  for (let i = older.length - 1; i >= 0; i--) {
    const line = older[i]!;
    if (line.time) {
      const order = compareLogTimes(line.time, boundary.time);
      if (order > 0) continue;
      if (order === 0 && take(held, line.text)) continue;
    }
    keep.push(line);
  }
  return keep.reverse();
}
