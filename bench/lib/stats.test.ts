import { describe, expect, it } from 'vitest';
import { percentile, ratio, summarize } from './stats';

describe('percentile', () => {
  it('interpolates between the closest ranks', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 50)).toBe(30);
    expect(percentile([0, 100], 95)).toBeCloseTo(95);
  });

  it('does not depend on input order and leaves the input alone', () => {
    const input = [5, 1, 4, 2, 3];
    expect(percentile(input, 0)).toBe(1);
    expect(percentile(input, 100)).toBe(5);
    expect(input).toEqual([5, 1, 4, 2, 3]);
  });

  it('is NaN for no samples and refuses percentiles outside 0–100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('of one sample is that sample', () => {
    expect(percentile([7], 95)).toBe(7);
  });
});

describe('summarize', () => {
  it('gives count, extremes, percentiles and mean', () => {
    const s = summarize(Array.from({ length: 101 }, (_, i) => i));
    expect(s).toEqual({ n: 101, min: 0, p50: 50, p95: 95, max: 100, mean: 50 });
  });

  it('is all NaN for no samples', () => {
    const s = summarize([]);
    expect(s.n).toBe(0);
    expect(s.p50).toBeNaN();
    expect(s.max).toBeNaN();
  });
});

describe('ratio', () => {
  it('divides, and is NaN when there is nothing to compare with', () => {
    expect(ratio(13, 10)).toBeCloseTo(1.3);
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(NaN, 1)).toBeNaN();
  });
});
