import { describe, expect, it } from 'vitest';
import { boundaryAtEnd, boundaryAtStart, dropOverlapBefore, dropResent } from './resume';

const t = (s: number, ns = 0) => `2026-01-02T15:04:${String(s).padStart(2, '0')}.${String(ns).padStart(9, '0')}Z`;
const l = (time: string, text: string) => ({ time, text });

describe('boundaryAtEnd / boundaryAtStart', () => {
  it('collects every text at the last (first) timestamp', () => {
    const lines = [l(t(1), 'a'), l(t(2), 'b'), l(t(2), 'c')];
    expect(boundaryAtEnd(lines)).toEqual({ time: t(2), texts: ['b', 'c'] });
    expect(boundaryAtStart(lines)).toEqual({ time: t(1), texts: ['a'] });
  });
  it('skips lines without a timestamp', () => {
    expect(boundaryAtEnd([l(t(1), 'a'), l('', 'engine error')])).toEqual({ time: t(1), texts: ['a'] });
    expect(boundaryAtStart([l('', 'x'), l(t(3), 'a')])).toEqual({ time: t(3), texts: ['a'] });
  });
  it('is null for nothing', () => {
    expect(boundaryAtEnd([])).toBeNull();
    expect(boundaryAtStart([l('', 'x')])).toBeNull();
  });
});

describe('dropResent', () => {
  const cases: Array<{ name: string; held: Array<{ time: string; text: string }>; resent: Array<{ time: string; text: string }>; want: string[] }> = [
    { name: 'nanosecond-inclusive since: the last line comes back', held: [l(t(1), 'a'), l(t(2), 'b')], resent: [l(t(2), 'b'), l(t(3), 'c')], want: ['c'] },
    { name: 'second-granularity since: earlier lines of that second come back', held: [l(t(2, 100), 'a'), l(t(2, 200), 'b')], resent: [l(t(2, 100), 'a'), l(t(2, 200), 'b'), l(t(2, 300), 'c')], want: ['c'] },
    { name: 'a new line at the very same instant is kept', held: [l(t(2), 'b')], resent: [l(t(2), 'b'), l(t(2), 'b2'), l(t(3), 'c')], want: ['b2', 'c'] },
    { name: 'identical texts at one instant are matched one for one', held: [l(t(2), 'x'), l(t(2), 'x')], resent: [l(t(2), 'x'), l(t(2), 'x'), l(t(2), 'x')], want: ['x'] },
    { name: 'after the boundary, equal texts pass', held: [l(t(2), 'b')], resent: [l(t(3), 'b'), l(t(4), 'b')], want: ['b', 'b'] },
    { name: 'lines without a timestamp are kept', held: [l(t(2), 'b')], resent: [l('', 'Error grabbing logs'), l(t(2), 'b')], want: ['Error grabbing logs'] },
    { name: 'nothing came back', held: [l(t(2), 'b')], resent: [], want: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(dropResent(boundaryAtEnd(c.held), c.resent).lines.map((x) => x.text)).toEqual(c.want);
    });
  }

  it('carries the boundary across batches until a later line passes it', () => {
    let boundary = boundaryAtEnd([l(t(2), 'a'), l(t(2), 'b')]);
    const first = dropResent(boundary, [l(t(2), 'a')]);
    expect(first.lines).toEqual([]);
    boundary = first.boundary;
    expect(boundary).toEqual({ time: t(2), texts: ['b'] });
    const second = dropResent(boundary, [l(t(2), 'b'), l(t(5), 'z')]);
    expect(second.lines.map((x) => x.text)).toEqual(['z']);
    expect(second.boundary).toBeNull();
    expect(dropResent(second.boundary, [l(t(1), 'late')]).lines).toHaveLength(1);
  });

  it('compares times across offsets and fraction lengths', () => {
    const held = [l('2026-01-02T15:04:05.5Z', 'a')];
    expect(dropResent(boundaryAtEnd(held), [l('2026-01-02T17:04:05.500000000+02:00', 'a'), l('2026-01-02T15:04:05.500000001Z', 'b')]).lines.map((x) => x.text)).toEqual(['b']);
  });
});

describe('dropOverlapBefore', () => {
  it('drops what the viewer already holds from the boundary on', () => {
    const held = [l(t(5), 'e'), l(t(5), 'f'), l(t(6), 'g')];
    const older = [l(t(3), 'c'), l(t(4), 'd'), l(t(5), 'e'), l(t(5), 'f')];
    expect(dropOverlapBefore(boundaryAtStart(held), older).map((x) => x.text)).toEqual(['c', 'd']);
  });
  it('keeps an unseen line at the boundary time', () => {
    const held = [l(t(5), 'f')];
    const older = [l(t(5), 'e'), l(t(5), 'f')];
    expect(dropOverlapBefore(boundaryAtStart(held), older).map((x) => x.text)).toEqual(['e']);
  });
  it('drops anything later than the boundary', () => {
    expect(dropOverlapBefore(boundaryAtStart([l(t(5), 'f')]), [l(t(4), 'd'), l(t(7), 'x')]).map((x) => x.text)).toEqual(['d']);
  });
});
