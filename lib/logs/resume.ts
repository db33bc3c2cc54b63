import { compareLogTimes, parseLogTime } from '../protocol/log-time';

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
 * Where a "Load earlier" page should end, and what the viewer holds up to there. Engines differ at
 * this edge: Docker's `until` is inclusive at nanosecond precision, Podman's is exclusive and its
 * timestamps have whole seconds only, so asking `until` = the first held line's time would miss the
 * lines of that same second that come before it. So the page asks up to the end of that second on
 * every engine, and the lines held within it are cut off the page by `dropHeldSuffix`.
 */
export function earlierWindow<L extends TimedText>(leading: readonly L[]): { until: string; held: L[] } | null {
  const first = leading.find((l) => l.time);
  const start = first && parseLogTime(first.time);
  if (!first || !start) return null;
  const until = new Date((start.seconds + 1) * 1000).toISOString().replace('.000Z', 'Z');
  const held: L[] = [];
  for (const l of leading) {
    if (!l.time) continue;
    if (compareLogTimes(l.time, until) >= 0) break;
    held.push(l);
  }
  return { until, held };
}

/**
 * Cuts from a page of older lines (oldest first) what the viewer already holds: `held`, the
 * viewer's first lines, appear in the page as one run (same texts and times, same order); the page
 * ends right before that run's last occurrence. If the run is not there whole (the engine trimmed
 * or rewrote the log meanwhile), each held line is removed once by content from the lines at or
 * after the first held time: better a rare line twice than a line lost.
 */
export function dropHeldSuffix<L extends TimedText>(held: readonly TimedText[], older: readonly L[]): L[] {
  if (held.length === 0) return [...older];
  const same = (a: TimedText, b: TimedText) => a.text === b.text && compareLogTimes(a.time, b.time) === 0;
  for (let j = older.length - held.length; j >= 0; j--) {
    let k = 0;
    while (k < held.length && same(older[j + k]!, held[k]!)) k++;
    if (k === held.length) return older.slice(0, j);
  }
  const firstTime = held[0]!.time;
  const pending = held.map((h) => `${h.time}\u0000${h.text}`);
  const keep: L[] = [];
  for (const line of older) {
    if (line.time && compareLogTimes(line.time, firstTime) >= 0) {
      const i = pending.indexOf(`${line.time}\u0000${line.text}`);
      if (i >= 0) {
        pending.splice(i, 1);
        continue;
      }
      // At or after the first held line but not held: newer than the viewer's start, not older.
      if (compareLogTimes(line.time, firstTime) > 0) continue;
    }
    keep.push(line);
  }
  return keep;
}
