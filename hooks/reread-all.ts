import type { QueryClient } from '@tanstack/react-query';

/**
 * Reads every query on screen again with a fetch that begins now — after the tab has subscribed to
 * the engine's events (or its socket came back), so nothing that happened before then is missed.
 *
 * `invalidateQueries` alone is not enough: for a query already fetching *without data yet* (a list
 * page's first read, made as it mounts), react-query does not restart the fetch but hands back the one
 * under way, which may have begun before an event the tab never heard. A CLI `docker tag` landing
 * between that first read and the subscription then stayed off the page until the next event (seen
 * in CI). Those fetches are cancelled first (their queries go back to where they were), then all are
 * invalidated; queries with data are cancelled and restarted by the invalidation itself.
 */
export async function rereadAll(qc: QueryClient): Promise<void> {
  await qc.cancelQueries({ predicate: (q) => q.state.data === undefined && q.state.fetchStatus === 'fetching' });
  await qc.invalidateQueries();
}
