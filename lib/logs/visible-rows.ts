import type { LogEntry } from './log-buffer';
import type { CompiledSearch } from './search';

export interface VisibleRows {
  rows: LogEntry[];
  /** Lines (not markers) among the entries, shown or not. */
  lines: number;
  /** Indexes into `rows` of the lines matching the search. */
  matchRows: number[];
}

/**
 * The rows a log view shows: all entries, or only lines matching the search (markers always
 * stay, they give the matches their context). `hits` caches each line's result for one search, so
 * a busy log costs only its new lines per update.
 */
export function selectRows(entries: readonly LogEntry[], search: CompiledSearch | null, onlyMatching: boolean, hits: WeakMap<LogEntry, boolean>): VisibleRows {
  const rows: LogEntry[] = [];
  const matchRows: number[] = [];
  let lines = 0;
  for (const e of entries) {
    if (e.kind !== 'line') {
      rows.push(e);
      continue;
    }
    lines++;
    if (!search) {
      rows.push(e);
      continue;
    }
    let hit = hits.get(e);
    if (hit === undefined) hits.set(e, (hit = search.test(e.plain)));
    if (hit) matchRows.push(rows.length);
    if (hit || !onlyMatching) rows.push(e);
  }
  return { rows, lines, matchRows };
}
