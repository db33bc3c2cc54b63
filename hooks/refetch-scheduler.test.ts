import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RefetchScheduler } from './refetch-scheduler';

/** A fake query client: keys listed in `fetching` are under way; every invalidation is recorded. */
function fakeClient() {
  const fetching = new Set<string>();
  const invalidated: string[] = [];
  return {
    fetching,
    invalidated,
    target: {
      isFetching: (key: readonly unknown[]) => (fetching.has(JSON.stringify(key)) ? 1 : 0),
      invalidate: (key: readonly unknown[]) => void invalidated.push(JSON.stringify(key)),
    },
  };
}

const LIST = ['containers', 'list'];
const DETAIL = ['containers', 'detail', 'web'];

describe('RefetchScheduler', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('folds a burst of events into one refetch per key, after the debounce', () => {
    const c = fakeClient();
    const s = new RefetchScheduler(c.target, 40);
    for (let i = 0; i < 50; i++) s.mark(LIST);
    s.mark(DETAIL);
    expect(c.invalidated).toEqual([]);
    vi.advanceTimersByTime(40);
    expect(c.invalidated).toEqual([JSON.stringify(LIST), JSON.stringify(DETAIL)]);
    vi.advanceTimersByTime(1000);
    expect(c.invalidated).toHaveLength(2);
  });

  it('lets a fetch under way finish instead of cancelling it, then refetches once', () => {
    const c = fakeClient();
    const s = new RefetchScheduler(c.target, 40);
    c.fetching.add(JSON.stringify(LIST)); // e.g. the first load of a slow list
    s.mark(LIST);
    vi.advanceTimersByTime(200);
    expect(c.invalidated).toEqual([]);
    c.fetching.clear();
    vi.advanceTimersByTime(40);
    expect(c.invalidated).toEqual([JSON.stringify(LIST)]);
  });

  it('still completes every fetch when events never stop (no cancel-and-restart livelock)', () => {
    const c = fakeClient();
    const s = new RefetchScheduler(c.target, 40);
    // Each refetch takes 100 ms; an event comes every 10 ms, for 2 s.
    let doneAt = -1;
    c.target.invalidate = (key) => {
      c.invalidated.push(JSON.stringify(key));
      c.fetching.add(JSON.stringify(key));
      doneAt = Date.now() + 100;
    };
    for (let t = 0; t < 2000; t += 10) {
      s.mark(LIST);
      vi.advanceTimersByTime(10);
      if (doneAt >= 0 && Date.now() >= doneAt) c.fetching.clear();
    }
    // About one refetch per 140 ms (100 ms fetch + up to 40 ms wait), none of them cut short.
    expect(c.invalidated.length).toBeGreaterThan(10);
    expect(c.invalidated.length).toBeLessThan(20);
  });

  it('refetches nothing after dispose', () => {
    const c = fakeClient();
    const s = new RefetchScheduler(c.target, 40);
    s.mark(LIST);
    s.dispose();
    vi.advanceTimersByTime(100);
    expect(c.invalidated).toEqual([]);
  });

  it('skips a conditional mark whose cache already reflects the event when the debounce ends', () => {
    const c = fakeClient();
    const s = new RefetchScheduler(c.target, 40);
    let reflected = false;
    s.mark(DETAIL, () => reflected);
    reflected = true; // e.g. the run's answer set meanwhile
    vi.advanceTimersByTime(40);
    expect(c.invalidated).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(c.invalidated).toEqual([]);
  });

  it('refetches a conditional mark the cache does not reflect', () => {
    const c = fakeClient();
    const s = new RefetchScheduler(c.target, 40);
    s.mark(DETAIL, () => false);
    vi.advanceTimersByTime(40);
    expect(c.invalidated).toEqual([JSON.stringify(DETAIL)]);
  });

  it('refetches when any mark of the key is unconditional or not reflected, whatever the order', () => {
    const c = fakeClient();
    const s = new RefetchScheduler(c.target, 40);
    s.mark(DETAIL, () => true);
    s.mark(DETAIL); // e.g. a die after the start
    s.mark(LIST);
    s.mark(LIST, () => true);
    vi.advanceTimersByTime(40);
    expect(c.invalidated).toEqual([JSON.stringify(DETAIL), JSON.stringify(LIST)]);
    s.mark(DETAIL, () => true);
    s.mark(DETAIL, () => false);
    vi.advanceTimersByTime(40);
    expect(c.invalidated).toHaveLength(3);
  });
});
