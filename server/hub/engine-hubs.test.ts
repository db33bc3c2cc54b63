import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../lib/protocol/events';
import { FakeEngine, fakeRegistry } from '../../test/support/fake-engine';
import { EngineError } from '../engine/errors';
import { EngineHubs } from './engine-hubs';

const IDLE_MS = 30;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await sleep(10);
  }
  throw new Error(`timed out waiting for ${what}`);
}

let hubs: EngineHubs;
let a: FakeEngine;
let b: FakeEngine;

function setup(): void {
  a = new FakeEngine('default');
  b = new FakeEngine('b');
  hubs = new EngineHubs({ engine: fakeRegistry(a, b), statusContext: () => ({ sandbox: false, readOnly: false }), idleMs: IDLE_MS });
}

afterEach(() => hubs.stop());

describe('EngineHubs: one set of hubs per engine', () => {
  it("sends each engine's events to its own listeners only", async () => {
    setup();
    const la = hubs.acquire();
    const lb = hubs.acquire('b');
    await Promise.all([la.hub.ready, lb.hub.ready]);
    const seenA: EngineEvent[] = [];
    const seenB: EngineEvent[] = [];
    la.hub.events.onEvent((e) => seenA.push(e));
    lb.hub.events.onEvent((e) => seenB.push(e));
    const fromB = b.emit('start', 'c1');
    const fromA = a.emit('die', 'c2');
    expect(seenA).toEqual([fromA]);
    expect(seenB).toEqual([fromB]);
    expect(la.hub.events.status).toMatchObject({ name: 'default', reachable: true });
    expect(lb.hub.events.status).toMatchObject({ name: 'b', reachable: true, endpoint: b.label });
  });

  it('one hub per engine however many users, ended when the last one lets go, and made anew on next use', async () => {
    setup();
    const first = hubs.acquire('b');
    const second = hubs.acquire('b');
    expect(second.hub).toBe(first.hub);
    await first.hub.ready;
    expect(b.openEventStreams).toBe(1);
    first.release();
    first.release(); // twice is once
    await sleep(IDLE_MS * 3);
    expect(hubs.running).toContain('b');
    second.release();
    await until(() => !hubs.running.includes('b'), 'the idle hub to end');
    expect(b.openEventStreams).toBe(0);
    const again = hubs.acquire('b');
    expect(again.hub).not.toBe(first.hub);
    await again.hub.ready;
    expect(b.openEventStreams).toBe(1);
    again.release();
  });

  it('a user that comes back within the idle time keeps the same hub', async () => {
    setup();
    const lease = hubs.acquire('b');
    await lease.hub.ready;
    lease.release();
    const back = hubs.acquire('b');
    await sleep(IDLE_MS * 3);
    expect(back.hub).toBe(lease.hub);
    expect(b.openEventStreams).toBe(1);
    back.release();
  });

  it('keeps a pinned hub with no users', async () => {
    setup();
    const pinned = hubs.pin();
    await pinned.ready;
    hubs.acquire().release();
    await sleep(IDLE_MS * 3);
    expect(hubs.peek()).toBe(pinned);
    expect(a.openEventStreams).toBe(1);
  });

  it('refuses an unknown engine with not_found and starts nothing', () => {
    setup();
    let err: unknown;
    try {
      hubs.acquire('nope');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).code).toBe('not_found');
    expect(hubs.running).toEqual([]);
  });

  it("keeps each engine's container list apart: an event on one drops only that one's", async () => {
    setup();
    a.addContainer('a1');
    b.addContainer('b1');
    const la = hubs.acquire();
    const lb = hubs.acquire('b');
    await Promise.all([la.hub.ready, lb.hub.ready]);
    const listA = JSON.parse((await la.hub.list.get()).toString()) as Array<{ id: string }>;
    const listB = JSON.parse((await lb.hub.list.get()).toString()) as Array<{ id: string }>;
    expect(listA.map((c) => c.id)).toEqual(['a1']);
    expect(listB.map((c) => c.id)).toEqual(['b1']);
    expect(la.hub.list.peek()).not.toBeNull();
    expect(lb.hub.list.peek()).not.toBeNull();
    b.emit('start', 'b1');
    expect(lb.hub.list.peek()).toBeNull();
    expect(la.hub.list.peek()).not.toBeNull();
    hubs.invalidateLists();
    expect(la.hub.list.peek()).toBeNull();
  });

  it("one engine going down shows on its own status only, and its hub recovers when it returns", async () => {
    setup();
    const la = hubs.acquire();
    const lb = hubs.acquire('b');
    await Promise.all([la.hub.ready, lb.hub.ready]);
    b.down();
    await until(() => !lb.hub.events.status.reachable, 'b to show as down');
    expect(la.hub.events.status.reachable).toBe(true);
    b.up();
    await until(() => lb.hub.events.status.reachable && b.openEventStreams === 1, 'b to come back');
  });

  it("stats streams are per engine: a container of the same id on two engines gets two streams", async () => {
    setup();
    a.addContainer('same');
    b.addContainer('same');
    const la = hubs.acquire();
    const lb = hubs.acquire('b');
    const samplesA: number[] = [];
    const wa = await la.hub.stats.watch('same', { onSample: (s) => samplesA.push(s.cpuPercent), onEnd: () => undefined });
    const wb = await lb.hub.stats.watch('same', { onSample: () => undefined, onEnd: () => undefined });
    await until(() => a.openStatsStreams === 1 && b.openStatsStreams === 1, 'one stats stream on each engine');
    b.sample('same', { id: 'same', name: 'same', time: 0, cpuPercent: 7, memoryBytes: 0, memoryLimitBytes: 0, memoryPercent: 0, netRxBytes: 0, netTxBytes: 0, blockReadBytes: 0, blockWriteBytes: 0, pids: 1 });
    expect(samplesA).toEqual([]);
    wa.release();
    wb.release();
  });

  it('an engine rebuilt under the same name (its context changed) gets a new hub; the old one ends with its last user', async () => {
    let current = new FakeEngine('ctx');
    const first = current;
    hubs = new EngineHubs({ engine: () => current, statusContext: () => ({ sandbox: false, readOnly: false }), idleMs: IDLE_MS });
    const old = hubs.acquire('ctx');
    await old.hub.ready;
    current = new FakeEngine('ctx');
    const fresh = hubs.acquire('ctx');
    expect(fresh.hub).not.toBe(old.hub);
    expect(fresh.hub.engine).toBe(current);
    await fresh.hub.ready;
    expect(first.openEventStreams).toBe(1); // Still in use by its old user.
    old.release();
    await until(() => first.openEventStreams === 0, 'the old hub to end');
    expect(hubs.peek('ctx')).toBe(fresh.hub);
    expect(current.openEventStreams).toBe(1);
    fresh.release();
  });
});
