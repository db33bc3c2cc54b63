import type { LogLine, LogStream } from '../protocol/streams';
import { stripAnsi } from './ansi';

/** A row of the log view: a line, or a marker the viewer inserts. `key` is stable for the row's life. */
export type LogEntry =
  | { kind: 'line'; key: number; stream: LogStream; time: string; text: string; plain: string }
  /** The server dropped lines for a reader that could not keep up. */
  | { kind: 'skipped'; key: number; count: number }
  /** The container stopped; the log ends here until it starts again. */
  | { kind: 'exited'; key: number; exitCode: number | null }
  /** The stream ended for another reason (range end, failure). */
  | { kind: 'ended'; key: number; message: string };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type LogMarker = DistributiveOmit<Exclude<LogEntry, { kind: 'line' }>, 'key'>;

export const lineEntry = (line: LogLine, key: number): LogEntry => ({
  kind: 'line',
  key,
  stream: line.stream,
  time: line.time,
  text: line.text,
  // Same string (no copy) when there is nothing to strip.
  plain: stripAnsi(line.text),
});

/**
 * The rows a log view holds, at most `capacity`: appending past it drops the oldest rows and
 * counts the lines dropped, so memory stays flat however long the log runs.
 */
export class LogBuffer {
  entries: LogEntry[] = [];
  /** Lines dropped from the front to stay within capacity. */
  dropped = 0;
  /** Rows ever appended: a view that froze at some count knows how many came since. */
  appended = 0;
  private nextKey = 1;
  private prevKey = 0;

  constructor(readonly capacity: number) {}

  append(items: ReadonlyArray<LogLine | LogMarker>): void {
    this.appended += items.length;
    for (const item of items) {
      this.entries.push('kind' in item ? ({ ...item, key: this.nextKey++ } as LogEntry) : lineEntry(item, this.nextKey++));
    }
    const excess = this.entries.length - this.capacity;
    if (excess > 0) {
      for (let i = 0; i < excess; i++) if (this.entries[i]!.kind === 'line') this.dropped++;
      this.entries.splice(0, excess);
    }
  }

  /** Adds older lines at the front, as many as fit; returns how many were added. */
  prepend(lines: readonly LogLine[]): number {
    const room = Math.max(0, this.capacity - this.entries.length);
    const take = lines.slice(Math.max(0, lines.length - room));
    const keyBase = this.prevKey - take.length;
    this.prevKey = keyBase;
    this.entries = take.map((l, i) => lineEntry(l, keyBase + i)).concat(this.entries);
    return take.length;
  }

  get room(): number {
    return this.capacity - this.entries.length;
  }

  /** The lines (not markers), oldest first, from the front: for the boundary of "load earlier". */
  leadingLines(max = 1000): LogLine[] {
    const out: LogLine[] = [];
    for (const e of this.entries) {
      if (out.length >= max) break;
      if (e.kind === 'line') out.push(e);
    }
    return out;
  }

  clear(): void {
    this.entries = [];
    this.dropped = 0;
    this.appended = 0;
  }
}
