import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../lib/protocol/events';
import { ContainerListCache } from './container-list-cache';

/** A fake engine read: each call gets a numbered body and resolves only when the test says so. */
function harness(opts: { live?: boolean; maxAgeMs?: number; keep?: (body: Buffer) => boolean } = {}) {
  const calls: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  let clock = 1_000;
  let live = opts.live ?? true;
  const cache = new ContainerListCache({
    fetch: () =>
      new Promise<Buffer>((resolve, reject) => {
        const n = calls.length + 1;
        calls.push({ resolve: () => resolve(Buffer.from(`list ${n}`)), reject });
      }),
    live: () => live,
    maxAgeMs: opts.maxAgeMs ?? 1000,
    keep: opts.keep,
    now: () => clock,
  });
  const read = async () => (await cache.get()).toString();
  /** Resolves engine read `n` (1-based) and lets its callbacks run. */
  const answer = async (n: number) => {
    calls[n - 1]!.resolve();
    await new Promise((r) => setImmediate(r));
  };
  return {
    cache,
    calls,
    read,
    answer,
    tick: (ms: number) => (clock += ms),
    setLive: (v: boolean) => (live = v),
  };
}

const event = (action: string, type = 'container'): EngineEvent => ({ type, action, id: 'c1', timeNano: 1, attributes: {} });

describe('ContainerListCache', () => {
  it('serves one engine read to every request until something changes', async () => {
    const h = harness();
    const first = h.read();
    await h.answer(1);
    expect(await first).toBe('list 1');
    expect(await h.read()).toBe('list 1');
    expect(await h.read()).toBe('list 1');
    expect(h.calls).toHaveLength(1);
  });

  it('offers the kept list without waiting (peek) only while it may be served', async () => {
    const h = harness();
    expect(h.cache.peek()).toBeNull();
    const a = h.read();
    expect(h.cache.peek()).toBeNull();
    await h.answer(1);
    await a;
    expect(h.cache.peek()?.toString()).toBe('list 1');
    h.cache.invalidate();
    expect(h.cache.peek()).toBeNull();
  });

  it('offers an aged kept list for a first paint, never one an event dropped or while events are down', async () => {
    const h = harness({ maxAgeMs: 1000 });
    const a = h.read();
    await h.answer(1);
    await a;
    h.tick(5_000);
    expect(h.cache.peek()).toBeNull();
    expect(h.cache.peekForFirstPaint()).toEqual({ body: Buffer.from('list 1'), ageMs: 5_000 });
    h.setLive(false);
    expect(h.cache.peekForFirstPaint()).toBeNull();
    h.setLive(true);
    h.cache.onEngineEvent(event('start'));
    expect(h.cache.peekForFirstPaint()).toBeNull();
  });

  it('shares one read between requests that arrive while it runs', async () => {
    const h = harness();
    const a = h.read();
    const b = h.read();
    await h.answer(1);
    expect([await a, await b]).toEqual(['list 1', 'list 1']);
    expect(h.calls).toHaveLength(1);
  });

  it('reads again after an engine event', async () => {
    const h = harness();
    const a = h.read();
    await h.answer(1);
    await a;
    h.cache.onEngineEvent(event('start'));
    const b = h.read();
    await h.answer(2);
    expect(await b).toBe('list 2');
  });

  it('ignores exec events, which health checks send every interval', async () => {
    const h = harness();
    const a = h.read();
    await h.answer(1);
    await a;
    h.cache.onEngineEvent(event('exec_start: sh -c true'));
    h.cache.onEngineEvent(event('exec_die'));
    expect(await h.read()).toBe('list 1');
    h.cache.onEngineEvent(event('health_status: unhealthy'));
    const b = h.read();
    await h.answer(2);
    expect(await b).toBe('list 2');
  });

  it('drops the list on events of other kinds too (network connect, image tag)', async () => {
    const h = harness();
    const a = h.read();
    await h.answer(1);
    await a;
    h.cache.onEngineEvent(event('connect', 'network'));
    const b = h.read();
    await h.answer(2);
    expect(await b).toBe('list 2');
  });

  it('never keeps, nor shares, a read that began before a change', async () => {
    const h = harness();
    const before = h.read();
    h.cache.invalidate(); // e.g. a container started while the engine was answering
    const after = h.read();
    expect(h.calls).toHaveLength(2);
    await h.answer(1);
    await h.answer(2);
    expect(await before).toBe('list 1');
    expect(await after).toBe('list 2');
    expect(await h.read()).toBe('list 2');
    expect(h.calls).toHaveLength(2);
  });

  it('does not keep the older of two overlapping reads', async () => {
    const h = harness();
    const before = h.read();
    h.cache.invalidate();
    const after = h.read();
    await h.answer(2);
    await h.answer(1); // the stale read finishes last
    await Promise.all([before, after]);
    expect(await h.read()).toBe('list 2');
  });

  it('re-reads once the list is older than its maximum age (status lines age)', async () => {
    const h = harness({ maxAgeMs: 1000 });
    const a = h.read();
    await h.answer(1);
    await a;
    h.tick(999);
    expect(await h.read()).toBe('list 1');
    h.tick(1);
    const b = h.read();
    await h.answer(2);
    expect(await b).toBe('list 2');
  });

  it('keeps nothing while the event stream is down', async () => {
    const h = harness({ live: false });
    const a = h.read();
    await h.answer(1);
    await a;
    const b = h.read();
    await h.answer(2);
    expect(await b).toBe('list 2');
    h.setLive(true);
    const c = h.read();
    await h.answer(3);
    expect(await c).toBe('list 3');
    h.setLive(false); // the stream broke: changes may go unseen from here on
    const d = h.read();
    await h.answer(4);
    expect(await d).toBe('list 4');
  });

  it('passes a failed read to its requests and keeps nothing', async () => {
    const h = harness();
    const a = h.read();
    h.calls[0]!.reject(new Error('engine gone'));
    await expect(a).rejects.toThrow('engine gone');
    const b = h.read();
    await h.answer(2);
    expect(await b).toBe('list 2');
  });

  it('serves a read that keep refuses but does not keep it: the next request reads the engine again', async () => {
    const h = harness({ keep: (body) => body.toString() !== 'list 1' });
    const first = h.read();
    await h.answer(1);
    expect(await first).toBe('list 1');
    const second = h.read();
    expect(h.calls).toHaveLength(2);
    await h.answer(2);
    expect(await second).toBe('list 2');
    expect(await h.read()).toBe('list 2');
    expect(h.calls).toHaveLength(2);
  });
});
