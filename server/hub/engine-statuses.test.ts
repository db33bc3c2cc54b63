import { describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../lib/protocol/engine';
import type { EngineInfo } from '../../lib/protocol/engines';
import { FakeEngine } from '../../test/support/fake-engine';
import type { Engine, RegisteredEngine } from '../engine';
import { EngineStatuses } from './engine-statuses';

/** A fake engine whose probe and ping never answer until `release()` (a SIGSTOPped dockerd). */
function hungEngine(name: string): { engine: Engine; release: () => void } {
  const fake = new FakeEngine(name);
  let release = () => undefined as void;
  const gate = new Promise<void>((r) => (release = r));
  const system: Engine['system'] = {
    ...fake.system,
    probe: async (ctx) => {
      await gate;
      return fake.system.probe(ctx);
    },
    ping: async () => {
      await gate;
      return true;
    },
  };
  return { engine: Object.assign(Object.create(fake) as Engine, { system }), release };
}

const entry = (engine: Engine, source: RegisteredEngine['source'] = 'env'): RegisteredEngine => ({ engine, source });

describe('EngineStatuses', () => {
  it('answers the list at once while one engine hangs, and pushes each engine as its check finishes', async () => {
    const up = new FakeEngine('up');
    const hung = hungEngine('stuck');
    const board = new EngineStatuses({ entries: () => [entry(up), entry(hung.engine)] });
    const pushed: EngineInfo[] = [];
    board.onChange((info) => pushed.push(info));

    const first = board.list();
    expect(first.map((e) => [e.name, e.status.checking, e.status.reachable])).toEqual([
      ['up', true, false],
      ['stuck', true, false],
    ]);
    await new Promise((r) => setTimeout(r, 10));
    // The healthy engine's check finished and was pushed; the hung one is still "checking".
    expect(pushed.map((p) => [p.name, p.status.reachable])).toEqual([['up', true]]);
    const second = board.list();
    expect(second.find((e) => e.name === 'up')).toMatchObject({ status: { reachable: true }, rttMs: expect.any(Number) });
    expect(second.find((e) => e.name === 'stuck')?.status.checking).toBe(true);

    hung.release();
    await board.settled();
    expect(pushed.map((p) => p.name)).toEqual(['up', 'stuck']);
    expect(board.list().find((e) => e.name === 'stuck')?.status).toMatchObject({ reachable: true });
  });

  it("uses a running hub's live status, and pushes a hub's change at once", async () => {
    const e = new FakeEngine('watched');
    const live: EngineStatus = { name: 'watched', reachable: false, endpoint: e.label, error: 'it went away', sandbox: false, readOnly: false };
    const board = new EngineStatuses({ entries: () => [entry(e)], liveStatus: () => live });
    expect(board.list()[0]?.status).toEqual(live);
    const pushed: EngineInfo[] = [];
    board.onChange((info) => pushed.push(info));
    board.noteLive('watched', live);
    expect(pushed[0]).toMatchObject({ name: 'watched', status: { error: 'it went away' }, origin: expect.stringMatching(/DOCKSIDE_ENGINES/) });
  });

  it('checks an engine once at a time, and forgets what it knew of an engine that was rebuilt', async () => {
    let engine: Engine = new FakeEngine('ctx');
    let probes = 0;
    const counted = (e: FakeEngine): Engine => Object.assign(Object.create(e) as Engine, { system: { ...e.system, probe: async (c: Parameters<Engine['system']['probe']>[0]) => (probes++, e.system.probe(c)) } });
    engine = counted(new FakeEngine('ctx'));
    const board = new EngineStatuses({ entries: () => [entry(engine, 'context')] });
    board.list();
    board.list();
    board.refreshAll();
    await board.settled();
    expect(probes).toBe(1);
    expect(board.list()[0]?.status.reachable).toBe(true);
    engine = counted(new FakeEngine('ctx'));
    expect(board.list()[0]?.status.checking).toBe(true);
    await board.settled();
    expect(board.list()[0]?.status.reachable).toBe(true);
  });
});
