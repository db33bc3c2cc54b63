import { describe, expect, it } from 'vitest';
import type { StatsSample } from '../protocol/streams';
import { cpuCeiling, formatPercent, formatRate, ratePerSecond, sampleIntervalText } from './stats';

const s = (time: number, netRxBytes: number) => ({ time, netRxBytes }) as StatsSample;

describe('stats formatting', () => {
  it.each([
    [0, '0.00 %'],
    [101.2521, '101.25 %'],
    [undefined, '—'],
    [NaN, '—'],
  ])('formatPercent(%s) = %s', (p, out) => expect(formatPercent(p)).toBe(out));

  it.each([
    [0, '0 B/s'],
    [12.4, '12 B/s'],
    [1_250_000, '1.25 MB/s'],
    [-5, '0 B/s'],
    [undefined, '—'],
  ])('formatRate(%s) = %s', (r, out) => expect(formatRate(r)).toBe(out));

  it('computes a per-second rate, never negative', () => {
    expect(ratePerSecond(s(1000, 100), s(3000, 2100), 'netRxBytes')).toBe(1000);
    expect(ratePerSecond(s(1000, 5000), s(2000, 10), 'netRxBytes')).toBe(0);
    expect(ratePerSecond(undefined, s(2000, 10), 'netRxBytes')).toBeUndefined();
    expect(ratePerSecond(s(2000, 0), s(2000, 10), 'netRxBytes')).toBeUndefined();
  });

  it('knows the CPU ceiling', () => {
    expect(cpuCeiling({ onlineCpus: 2 })).toBe(200);
    expect(cpuCeiling({})).toBe(100);
  });
});

describe('sampleIntervalText', () => {
  it("says the engine's real interval from the samples' times", () => {
    const at = (...t: number[]) => t.map((time) => ({ time }));
    expect(sampleIntervalText(at(0, 1000, 2010, 3000))).toBe('one sample a second');
    expect(sampleIntervalText(at(0, 5000, 10_000, 15_020))).toBe('one sample every 5 s');
    expect(sampleIntervalText(at(0))).toBe('waiting for a second sample');
  });
});
