import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  it('allows `limit` failures per window, then says how long to wait', () => {
    const l = new RateLimiter(3, 60_000);
    for (let i = 0; i < 3; i++) {
      expect(l.retryAfter('a', 1000)).toBe(0);
      l.fail('a', 1000);
    }
    expect(l.retryAfter('a', 1000)).toBe(60);
    expect(l.retryAfter('a', 31_000)).toBe(30);
    expect(l.retryAfter('b', 1000)).toBe(0);
    expect(l.retryAfter('a', 61_000)).toBe(0);
  });
});
