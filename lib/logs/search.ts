/** Search in a log view: plain text or a regular expression, over the visible (ANSI-free) text. */

export interface SearchOptions {
  query: string;
  regex: boolean;
  matchCase: boolean;
}

/** [start, end) in UTF-16 units of the searched text. */
export type MatchRange = [number, number];

export interface CompiledSearch {
  test(text: string): boolean;
  ranges(text: string): MatchRange[];
}

/** Highlighting stops after this many matches in one line (a `.` regex on a 100 KiB line…). */
const MAX_RANGES_PER_LINE = 500;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** null search for an empty query; an error message for a regex that does not compile. */
export function compileSearch(opts: SearchOptions): { search: CompiledSearch | null; error: string | null } {
  if (!opts.query) return { search: null, error: null };
  const source = opts.regex ? opts.query : escapeRegExp(opts.query);
  const flags = opts.matchCase ? '' : 'i';
  let tester: RegExp;
  try {
    tester = new RegExp(source, flags);
  } catch (err) {
    return { search: null, error: (err as Error).message.replace(/^Invalid regular expression: /, '') };
  }
  const finder = new RegExp(source, `${flags}g`);
  return {
    error: null,
    search: {
      test: (text) => tester.test(text),
      ranges: (text) => {
        const out: MatchRange[] = [];
        finder.lastIndex = 0;
        for (let m = finder.exec(text); m && out.length < MAX_RANGES_PER_LINE; m = finder.exec(text)) {
          // An empty match (e.g. `a*`) highlights nothing; step past it so the loop ends.
          if (m[0].length === 0) finder.lastIndex++;
          else out.push([m.index, m.index + m[0].length]);
        }
        return out;
      },
    },
  };
}

/** Splits styled spans at match boundaries, marking the pieces inside a match. */
export function markMatches<S extends { text: string }>(spans: readonly S[], ranges: readonly MatchRange[]): Array<S & { match: boolean }> {
  if (!ranges.length) return spans.map((s) => ({ ...s, match: false }));
  const out: Array<S & { match: boolean }> = [];
  let offset = 0;
  let r = 0;
  for (const span of spans) {
    const start = offset;
    const end = offset + span.text.length;
    let pos = start;
    while (pos < end) {
      while (r < ranges.length && ranges[r]![1] <= pos) r++;
      const range = ranges[r];
      if (!range || range[0] >= end) {
        out.push({ ...span, text: span.text.slice(pos - start), match: false });
        pos = end;
      } else if (range[0] > pos) {
        out.push({ ...span, text: span.text.slice(pos - start, range[0] - start), match: false });
        pos = range[0];
      } else {
        const stop = Math.min(range[1], end);
        out.push({ ...span, text: span.text.slice(pos - start, stop - start), match: true });
        pos = stop;
      }
    }
    offset = end;
  }
  return out;
}
