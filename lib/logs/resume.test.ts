import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { boundaryAtEnd, dropHeldSuffix, dropResent, earlierWindow } from './resume';

const t = (s: number, ns = 0) => `2026-01-02T15:04:${String(s).padStart(2, '0')}.${String(ns).padStart(9, '0')}Z`;
const l = (time: string, text: string) => ({ time, text });

describe('boundaryAtEnd', () => {
  it('collects every text at the last (first) timestamp', () => {
    const lines = [l(t(1), 'a'), l(t(2), 'b'), l(t(2), 'c')];
    expect(boundaryAtEnd(lines)).toEqual({ time: t(2), texts: ['b', 'c'] });
  });
  it('skips lines without a timestamp', () => {
    expect(boundaryAtEnd([l(t(1), 'a'), l('', 'engine error')])).toEqual({ time: t(1), texts: ['a'] });
  });
  it('is null for nothing', () => {
    expect(boundaryAtEnd([])).toBeNull();
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

describe('Load earlier: the boundary second fetched again, the held run cut off', () => {
  it('asks up to the end of the first held second and lists what is held within it', () => {
    const w = earlierWindow([l('', 'marker'), l('2026-01-01T00:00:05Z', 'e1'), l('2026-01-01T00:00:05.5Z', 'e2'), l('2026-01-01T00:00:06Z', 'f')]);
    expect(w!.until).toBe('2026-01-01T00:00:06Z');
    expect(w!.held.map((x) => x.text)).toEqual(['e1', 'e2']);
    expect(earlierWindow([l('', 'x')])).toBeNull();
  });

  it("keeps Podman's same-second lines before the held ones (whole-second timestamps, exclusive until)", () => {
    const s5 = '2026-01-01T00:00:05Z';
    // The viewer holds from the third line of second 5 on; the page brings all of second 5 again.
    const held = [l(s5, 'same'), l(s5, 'x')];
    const page = [l('2026-01-01T00:00:04Z', 'd'), l(s5, 'same'), l(s5, 'same'), l(s5, 'x')];
    expect(dropHeldSuffix(held, page).map((x) => x.text)).toEqual(['d', 'same']);
  });

  it('cuts at the last occurrence of the held run (Docker may add lines at the inclusive end)', () => {
    const held = [l(t(5), 'a')];
    expect(dropHeldSuffix(held, [l(t(4), 'a'), l(t(5), 'a'), l(t(6), 'late')]).map((x) => x.text)).toEqual(['a']);
  });

  it('never repeats a held line nor loses an older one (property)', () => {
    const line = fc.record({ sec: fc.integer({ min: 0, max: 3 }), text: fc.constantFrom('a', 'b', 'c') });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), fc.nat(), (raw, cut) => {
        // A log with whole-second times (Podman), in order; the viewer holds from `start` on.
        const log = raw.map((r) => ({ ...r })).sort((x, y) => x.sec - y.sec).map((r) => l(`2026-01-01T00:00:0${r.sec}Z`, r.text));
        const start = cut % log.length;
        const w = earlierWindow(log.slice(start))!;
        // Podman: everything strictly before `until`.
        const page = log.filter((x) => x.time < w.until);
        expect(dropHeldSuffix(w.held, page)).toEqual(log.slice(0, start));
      }),
    );
  });
});
