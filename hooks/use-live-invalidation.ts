'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ContainerSummary } from '@/lib/protocol/containers';
import { applyContainerEvent, EventStateLedger } from '@/lib/protocol/container-event-state';
import { holdListsToEvents } from './container-list-patch';
import { detailReflectsEvent } from './detail-reflects-event';
import { subscribeEngineEvents } from './engine-events';
import { keys } from './query-keys';
import { RefetchScheduler } from './refetch-scheduler';
import { rereadAll } from './reread-all';
import { useMux } from './use-mux';

// Short enough that a row flips within a frame or two of the engine event, long enough to fold a
// burst (compose up, bulk stop of 50 containers) into one refetch.
const DEBOUNCE_MS = 40;

/**
 * Engine events drive the caches: a container event patches the list at once (state changes), then
 * invalidates the list and that container's detail. No polling anywhere. When the engine comes back
 * after an outage, everything refetches.
 */
export function useLiveInvalidation(): void {
  const mux = useMux();
  const qc = useQueryClient();
  useEffect(() => {
    if (!mux) return;
    const refetch = new RefetchScheduler(
      { isFetching: (queryKey) => qc.isFetching({ queryKey }), invalidate: (queryKey) => void qc.invalidateQueries({ queryKey }) },
      DEBOUNCE_MS,
    );
    const ledger = new EventStateLedger();
    const isList = (key: readonly unknown[]) => key[0] === keys.containers.all[0] && key[1] === 'list';
    const unholdLists = holdListsToEvents(qc, ledger, isList, (queryKey) => refetch.mark(queryKey));
    let wasReachable: boolean | null = null;
    const unsubscribe = subscribeEngineEvents(mux, {
      onEvent(event) {
        if (event.type === 'image') {
          // pull, tag, untag, delete, import, load, commit (build = tag/untag): every image view may change
          refetch.mark(keys.images.all);
          return;
        }
        // Volumes and networks: their own events, and containers coming and going (who uses what).
        // Dockside's own short-lived helpers (volume browsing) change nothing a person looks at.
        const helper = 'dockside.helper' in event.attributes;
        if (!helper && (event.type === 'volume' || event.type === 'network' || (event.type === 'container' && ['create', 'destroy', 'start', 'die'].includes(event.action)))) {
          refetch.mark(keys.volumes.all);
          refetch.mark(keys.networks.all);
        }
        if (event.type !== 'container') return;
        // A container made or removed changes which images are in use (counts, prune previews); an
        // untagged `docker commit` makes an image with only a container event to say so.
        if (event.action === 'create' || event.action === 'destroy' || event.action === 'commit') refetch.mark(keys.images.all);
        // exec_* and top-like actions do not change what the list shows.
        if (event.action.startsWith('exec_')) return;
        // The row flips now; the refetch below brings the engine's full answer a moment later (held
        // to this event's state until the engine's list catches up with it).
        ledger.record(event);
        qc.setQueriesData<ContainerSummary[]>({ queryKey: [...keys.containers.all, 'list'] }, (old) => old && applyContainerEvent(old, event));
        refetch.mark([...keys.containers.all, 'list']);
        refetch.mark(keys.containers.prunePreview);
        for (const ref of event.name ? [event.id, event.name] : [event.id]) {
          const detail = keys.containers.detail(ref);
          // Not when the page already holds the container as the event left it (the run form's
          // answer after create + start): reading it again lands on the new page's first frames.
          refetch.mark(detail, () => detailReflectsEvent(qc.getQueryData(detail), event));
          refetch.mark(keys.containers.top(ref));
        }
      },
      onReconnect: () => void rereadAll(qc),
      // The status of this events channel's own engine (the one the tab looks at).
      onStatus(s) {
        // The first status comes once the server has subscribed this tab to the engine's events. What
        // the page read before then (its server-rendered first rows, a fetch that raced the socket) may
        // predate an event the tab never heard: read it again, once. After an outage, everything.
        if (s.reachable && wasReachable !== true) void rereadAll(qc);
        wasReachable = s.reachable;
      },
    });
    return () => {
      unsubscribe();
      unholdLists();
      refetch.dispose();
    };
  }, [mux, qc]);
}
