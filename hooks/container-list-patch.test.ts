import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '@/lib/protocol/containers';
import { QueryClient } from '@tanstack/react-query';
import { EventStateLedger } from '@/lib/protocol/container-event-state';
import { event, row } from '@/lib/protocol/testing/containers';
import { holdListsToEvents } from './container-list-patch';

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
