import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTimeBound, parseTimeBound } from './time-bound';

const now = new Date(2026, 11, 2, 12, 0, 0);

describe('parseTimeBound', () => {
  it('empty is no bound', () => {
    expect(parseTimeBound('  ', now)).toBeUndefined();
  });
  it('reads durations ago', () => {
    expect(parseTimeBound('15m', now)).toBe(new Date(2026, 11, 2, 11, 45, 0).toISOString());
    expect(parseTimeBound('1h30m', now)).toBe(new Date(2026, 11, 2, 10, 30, 0).toISOString());
    expect(parseTimeBound('2d ago', now)).toBe(new Date(2026, 10, 30, 12, 0, 0).toISOString());
    expect(parseTimeBound('30s', now)).toBe(new Date(2026, 11, 2, 11, 59, 30).toISOString());
  });
  it('reads local date-times and clock times (today)', () => {
    expect(parseTimeBound('2026-12-01 08:05', now)).toBe(new Date(2026, 11, 1, 8, 5, 0).toISOString());
    expect(parseTimeBound('2026-12-01T08:05:09', now)).toBe(new Date(2026, 11, 1, 8, 5, 9).toISOString());
    expect(parseTimeBound('09:30', now)).toBe(new Date(2026, 11, 2, 9, 30, 0).toISOString());
  });
  it('refuses what it cannot read', () => {
    for (const bad of ['yesterday', '25:00', '2026-13-01', '2026-02-30 10:00', '12:61', 'h']) expect(parseTimeBound(bad, now)).toBeNull();
  });
  it('reads back what it shows', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(2000, 0, 1), max: new Date(2090, 0, 1), noInvalidDate: true }), (d) => {
        const whole = new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString();
        expect(parseTimeBound(formatTimeBound(whole), now)).toBe(whole);
      }),
    );
  });
});
