import { describe, expect, it } from 'vitest';
import { compareLogTimes, parseLogTime, toEngineTime } from './log-time';

describe('toEngineTime', () => {
  const cases: Array<[string | number, string | null]> = [
    ['2026-01-02T15:04:05Z', '1767366245.000000000'],
    ['2026-01-02T15:04:05.123456789Z', '1767366245.123456789'],
    ['2026-01-02T15:04:05.5Z', '1767366245.500000000'],
    ['2026-01-02T17:04:05.000000001+02:00', '1767366245.000000001'],
    [1767366245, '1767366245.000000000'],
    [1767366245.25, '1767366245.250000000'],
    ['yesterday', null],
    [-1, null],
  ];
  for (const [input, want] of cases) it(`${input} → ${want}`, () => expect(toEngineTime(input)).toBe(want));
});

describe('compareLogTimes', () => {
  it('orders by nanoseconds, across offsets', () => {
    expect(compareLogTimes('2026-01-02T15:04:05.000000001Z', '2026-01-02T15:04:05.000000002Z')).toBeLessThan(0);
    expect(compareLogTimes('2026-01-02T15:04:05.1Z', '2026-01-02T15:04:05.100000000Z')).toBe(0);
    expect(compareLogTimes('2026-01-02T16:04:05Z', '2026-01-02T17:04:04+01:00')).toBeGreaterThan(0);
  });
  it('rejects what is not RFC 3339', () => {
    expect(parseLogTime('2026-01-02 15:04:05')).toBeNull();
  });
});
