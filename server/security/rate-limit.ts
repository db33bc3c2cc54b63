/**
 * Failed sign-in attempts per key, in a fixed window: enough to make guessing a 256-bit token or a
 * password through the login form hopeless. Only failures count, so signing in never locks you out.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** 0 when another attempt is allowed, else the seconds to wait (for Retry-After). */
  retryAfter(key: string, now = Date.now()): number {
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) return 0;
    return w.count < this.limit ? 0 : Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000));
  }

  /** Records a failed attempt. */
  fail(key: string, now = Date.now()): void {
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      // Forget finished windows as we go, so the map cannot grow without bound.
      for (const [k, v] of this.windows) if (now - v.start >= this.windowMs) this.windows.delete(k);
      this.windows.set(key, { start: now, count: 1 });
      return;
    }
    w.count += 1;
  }
}
