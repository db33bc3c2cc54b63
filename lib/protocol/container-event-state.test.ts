import { describe, expect, it } from 'vitest';
import { applyContainerEvent, EventStateLedger } from './container-event-state';
import { event, row } from './testing/containers';

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
