import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '@/lib/protocol/events';
import type { ContainerSummary } from '@/lib/protocol/containers';
import { QueryClient } from '@tanstack/react-query';
import { applyContainerEvent, EventStateLedger, holdListsToEvents } from './container-list-patch';

const row = (id: string, state: ContainerSummary['state']): ContainerSummary => ({
  id,
  name: `c-${id}`,
  image: 'busybox',
  imageId: 'sha256:1',
  command: 'sleep 1',
  created: 1,
  state,
  status: state === 'created' ? 'Created' : 'Up 2 minutes',
  health: 'none',
  ports: [],
  labels: {},
});

const event = (action: string, id: string, attributes: Record<string, string> = {}): EngineEvent => ({ type: 'container', action, id, timeNano: 1, attributes });

describe('applyContainerEvent', () => {
  const list = [row('a', 'created'), row('b', 'running')];

  it('shows a started container as running at once', () => {
    const out = applyContainerEvent(list, event('start', 'a'));
    expect(out[0]).toMatchObject({ id: 'a', state: 'running', status: 'Up Less than a second' });
    expect(out[1]).toBe(list[1]);
    expect(list[0]!.state).toBe('created');
  });

  it('shows a stopped container as exited with its code, and a paused one as paused', () => {
    expect(applyContainerEvent(list, event('die', 'b', { exitCode: '137' }))[1]).toMatchObject({ state: 'exited', status: 'Exited (137) Less than a second ago' });
    expect(applyContainerEvent(list, event('pause', 'b'))[1]).toMatchObject({ state: 'paused' });
  });

  it('drops a destroyed container', () => {
    expect(applyContainerEvent(list, event('destroy', 'a')).map((c) => c.id)).toEqual(['b']);
  });

  it('leaves the list alone for unknown containers, other objects and actions that need a refetch', () => {
    expect(applyContainerEvent(list, event('start', 'zzz'))).toBe(list);
    expect(applyContainerEvent(list, { ...event('start', 'a'), type: 'network' })).toBe(list);
    expect(applyContainerEvent(list, event('create', 'a'))).toBe(list);
    expect(applyContainerEvent(list, event('rename', 'a'))).toBe(list);
    expect(applyContainerEvent(list, event('start', 'b'))).toBe(list);
  });
});

describe('EventStateLedger', () => {
  it('keeps an event\'s state in a row the engine\'s list has not caught up with, until a read agrees', () => {
    const ledger = new EventStateLedger(() => 0);
    ledger.record(event('pause', 'b'));
    const stale = [row('a', 'created'), row('b', 'running')];
    const first = ledger.reconcile(stale);
    expect(first.disagreed).toBe(true);
    expect(first.list[1]).toMatchObject({ id: 'b', state: 'paused' });
    expect(first.list[0]).toBe(stale[0]);
    const caughtUp = [row('a', 'created'), row('b', 'paused')];
    expect(ledger.reconcile(caughtUp)).toEqual({ list: caughtUp, disagreed: false });
    expect(ledger.size).toBe(0);
    // Once agreed, the list is the authority again: a later running row is taken as it is.
    expect(ledger.reconcile(stale)).toEqual({ list: stale, disagreed: false });
  });

  it('holds a destroyed container out of the list until the list drops it', () => {
    const ledger = new EventStateLedger(() => 0);
    ledger.record(event('destroy', 'a'));
    expect(ledger.reconcile([row('a', 'exited'), row('b', 'running')]).list.map((c) => c.id)).toEqual(['b']);
    expect(ledger.reconcile([row('b', 'running')]).disagreed).toBe(false);
  });

  it('asks again for a row the list does not have yet, without inventing one', () => {
    const ledger = new EventStateLedger(() => 0);
    ledger.record(event('start', 'new'));
    const list = [row('b', 'running')];
    expect(ledger.reconcile(list)).toEqual({ list, disagreed: true });
  });

  it('gives the list back its word after a few disagreeing reads or a few seconds', () => {
    let now = 0;
    const ledger = new EventStateLedger(() => now, 3, 5_000);
    ledger.record(event('pause', 'b'));
    const stale = [row('b', 'running')];
    for (let i = 0; i < 3; i++) expect(ledger.reconcile(stale).disagreed).toBe(true);
    expect(ledger.reconcile(stale)).toEqual({ list: stale, disagreed: false });

    ledger.record(event('die', 'b'));
    now = 5_001;
    expect(ledger.reconcile(stale)).toEqual({ list: stale, disagreed: false });
  });

  it('follows the latest event for a container, and ignores other objects and exec_ actions', () => {
    const ledger = new EventStateLedger(() => 0);
    ledger.record(event('pause', 'b'));
    ledger.record(event('unpause', 'b'));
    ledger.record(event('exec_start', 'b'));
    ledger.record({ ...event('pause', 'n'), type: 'network' });
    expect(ledger.size).toBe(1);
    expect(ledger.reconcile([row('b', 'running')]).disagreed).toBe(false);
  });
});

describe('holdListsToEvents', () => {
  it('a list read right after a pause event that still says running shows paused and is read again', async () => {
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const ledger = new EventStateLedger(() => 0);
    const rereads: unknown[] = [];
    const stop = holdListsToEvents(qc, ledger, (key) => key[1] === 'list', (key) => rereads.push(key));
    const key = ['containers', 'list', { size: false }];
    let engine = [row('b', 'running')];
    const read = () => qc.fetchQuery({ queryKey: key, queryFn: async () => engine, staleTime: 0 });

    await read();
    expect(rereads).toEqual([]); // nothing recorded: the list is taken as it is
    ledger.record(event('pause', 'b'));
    await read(); // dockerd logged the pause before its list knew of it
    expect(qc.getQueryData<ContainerSummary[]>(key)![0]!.state).toBe('paused');
    expect(rereads).toEqual([key]);

    engine = [row('b', 'paused')];
    await read();
    expect(qc.getQueryData<ContainerSummary[]>(key)![0]!.state).toBe('paused');
    expect(rereads).toHaveLength(1);
    expect(ledger.size).toBe(0);

    ledger.record(event('unpause', 'b'));
    qc.setQueryData(key, [row('b', 'paused')]); // a manual write (an event's own patch) is not checked
    expect(rereads).toHaveLength(1);
    stop();
  });
});
