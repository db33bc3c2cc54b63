import type { QueryClient } from '@tanstack/react-query';
import type { ContainerSummary } from '@/lib/protocol/containers';
import type { EventStateLedger } from '@/lib/protocol/container-event-state';

type QueryKey = readonly unknown[];

/**
 * Runs every container list the engine answers (the queries `isList` picks) through the ledger: a row
 * that disagrees with a recent event shows the event's state, and `reread(queryKey)` is asked for a
 * later read. Returns the unsubscribe. Writes made with setQueryData (the ledger's own, an event's
 * patch) are not re-checked.
 */
export function holdListsToEvents(
  qc: QueryClient,
  ledger: EventStateLedger,
  isList: (queryKey: QueryKey) => boolean,
  reread: (queryKey: QueryKey) => void,
): () => void {
  return qc.getQueryCache().subscribe((e) => {
    if (e.type !== 'updated' || e.action.type !== 'success' || e.action.manual) return;
    if (!ledger.size || !isList(e.query.queryKey)) return;
    const data = e.query.state.data as ContainerSummary[] | undefined;
    if (!data) return;
    const { list, disagreed } = ledger.reconcile(data);
    if (list !== data) qc.setQueryData(e.query.queryKey, list);
    if (disagreed) reread(e.query.queryKey);
  });
}
