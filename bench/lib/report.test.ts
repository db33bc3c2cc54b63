import { describe, expect, it } from 'vitest';
import { check, fmtBytes, fmtMs, mergeReport, renderRun, renderTable, RUN_MARK, verdict, type FigureResult, type RunMeta } from './report';

const meta = (date: string): RunMeta => ({ date, command: 'npm run bench', machine: { nproc: '2', node: 'v20' }, seconds: 300 });

const figure: FigureResult = {
  id: 1,
  title: 'Container list API',
  rows: [
    { metric: 'p50 @ 1000', dockside: '12.0 ms', baseline: '10.0 ms', ratio: 1.2, check: check(1.2, '<=', 1.3) },
    { metric: 'p95 @ 1000', dockside: '20.0 ms', baseline: '10.0 ms', ratio: 2, check: check(2, '<=', 1.3) },
    { metric: 'body size', dockside: '1 kB', baseline: '2 kB' },
  ],
  notes: ['interleaved'],
};

describe('check and verdict', () => {
  it('passes on the limit and misses past it, either way round', () => {
    expect(check(1.3, '<=', 1.3).pass).toBe(true);
    expect(check(1.31, '<=', 1.3).pass).toBe(false);
    expect(check(0.7, '>=', 0.7).pass).toBe(true);
    expect(check(0.69, '>=', 0.7).pass).toBe(false);
    expect(check(250, '<=', 250, 'p95', ' ms').text).toBe('p95 ≤ 250 ms');
  });

  it('misses when nothing was measured', () => {
    expect(check(NaN, '<=', 1.3).pass).toBe(false);
  });

  it('marks rows without a target as informational', () => {
    expect(figure.rows.map(verdict)).toEqual(['PASS', 'MISS', '—']);
  });
});

describe('formatting', () => {
  it('picks units', () => {
    expect(fmtMs(1.234)).toBe('1.23 ms');
    expect(fmtMs(12.34)).toBe('12.3 ms');
    expect(fmtMs(1234)).toBe('1.23 s');
    expect(fmtMs(NaN)).toBe('n/a');
    expect(fmtBytes(2048)).toBe('2.0 kB');
    expect(fmtBytes(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});

describe('renderTable', () => {
  it('has one row per metric with ratio, target and verdict', () => {
    const table = renderTable([figure]).split('\n');
    expect(table).toHaveLength(5);
    expect(table[2]).toBe('| 1 | p50 @ 1000 | 12.0 ms | 10.0 ms | 1.20× | ratio ≤ 1.3 | PASS |');
    expect(table[4]).toContain('| — |');
  });

  it('shows a figure that failed to run', () => {
    expect(renderTable([{ id: 5, title: 'Exec', rows: [], notes: [], error: 'no | channel' }])).toContain('ERROR: no \\| channel');
  });
});

describe('mergeReport', () => {
  const run1 = renderRun(meta('2026-01-01'), [figure]);
  const run2 = renderRun(meta('2026-01-02'), [figure]);

  it('lists the misses in the run summary', () => {
    expect(run1).toContain('missed: 1: p95 @ 1000');
    expect(run1.startsWith(RUN_MARK)).toBe(true);
  });

  it('starts a new file with the run as latest and empty history', () => {
    const md = mergeReport(null, run1);
    expect(md).toContain('## Latest run');
    expect(md).toContain('### Run of 2026-01-01');
    expect(md).toContain('## Earlier runs\n\nNone yet.');
  });

  it('moves the previous latest run into history and keeps the hand-written fixes', () => {
    const first = mergeReport(null, run1).replace('None yet.', 'Made the list route stream.');
    const md = mergeReport(first, run2);
    const latest = md.slice(md.indexOf('## Latest run'), md.indexOf('## Changes made'));
    expect(latest).toContain('2026-01-02');
    expect(latest).not.toContain('2026-01-01');
    expect(md).toContain('Made the list route stream.');
    const history = md.slice(md.indexOf('## Earlier runs'));
    expect(history).toContain('### Run of 2026-01-01');
  });

  it('keeps at most `keep` earlier runs, newest first', () => {
    let md = mergeReport(null, renderRun(meta('d0'), [figure]));
    for (let i = 1; i <= 4; i++) md = mergeReport(md, renderRun(meta(`d${i}`), [figure]), 2);
    const history = md.slice(md.indexOf('## Earlier runs'));
    expect(history.indexOf('Run of d3')).toBeLessThan(history.indexOf('Run of d2'));
    expect(history).not.toContain('Run of d1');
  });
});
