import { describe, expect, it } from 'vitest';
import { LogBuffer, type LogEntry } from './log-buffer';
import { compileSearch } from './search';
import { selectRows } from './visible-rows';

function entries(): LogEntry[] {
  const b = new LogBuffer(10);
  b.append([
    { stream: 'stdout', time: 't', text: 'GET /a 200' },
    { stream: 'stderr', time: 't', text: '\x1b[31mERROR\x1b[0m boom' },
    { kind: 'exited', exitCode: 1 },
    { stream: 'stdout', time: 't', text: 'GET /b 500' },
  ]);
  return b.entries;
}

describe('selectRows', () => {
  it('shows everything without a search', () => {
    const r = selectRows(entries(), null, true, new WeakMap());
    expect(r.rows).toHaveLength(4);
    expect(r.lines).toBe(3);
    expect(r.matchRows).toEqual([]);
  });
  it('marks matches on the visible text, and can keep only them (plus markers)', () => {
    const { search } = compileSearch({ query: 'error|500', regex: true, matchCase: false });
    const all = selectRows(entries(), search, false, new WeakMap());
    expect(all.matchRows).toEqual([1, 3]);
    const only = selectRows(entries(), search, true, new WeakMap());
    expect(only.rows.map((e) => e.kind)).toEqual(['line', 'exited', 'line']);
    expect(only.matchRows).toEqual([0, 2]);
  });
  it('tests each line once per search', () => {
    let calls = 0;
    const search = { test: () => (calls++, true), ranges: () => [] };
    const hits = new WeakMap<LogEntry, boolean>();
    const e = entries();
    selectRows(e, search, false, hits);
    selectRows(e, search, false, hits);
    expect(calls).toBe(3);
  });
});
