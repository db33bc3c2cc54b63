import { describe, expect, it } from 'vitest';
import type { StatsSample } from '@/lib/protocol/streams';
import { appendSample } from './stats-buffer';

const at = (time: number) => ({ time }) as StatsSample;

describe('appendSample', () => {
  it('keeps only the window', () => {
    let b: StatsSample[] = [];
    for (let t = 0; t <= 10_000; t += 1000) b = appendSample(b, at(t), 5000, 100);
    expect(b.map((s) => s.time)).toEqual([5000, 6000, 7000, 8000, 9000, 10_000]);
  });

  it('is bounded in count', () => {
    let b: StatsSample[] = [];
    for (let t = 0; t < 50; t++) b = appendSample(b, at(t), 1e9, 10);
    expect(b).toHaveLength(10);
    expect(b[0]!.time).toBe(40);
  });

  it('ignores a repeated or older sample', () => {
    const b = appendSample(appendSample([], at(1000)), at(2000));
    expect(appendSample(b, at(2000))).toBe(b);
    expect(appendSample(b, at(500))).toBe(b);
  });
});
