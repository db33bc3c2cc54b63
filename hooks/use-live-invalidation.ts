'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ContainerSummary } from '@/lib/protocol/containers';
import { applyContainerEvent } from './container-list-patch';
import { keys } from './query-keys';
import { RefetchScheduler } from './refetch-scheduler';
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
    const channel = mux.open(() => ({ kind: 'events' }), {
      onFrame(frame) {
        if (frame.op !== 'event') return;
        // Volumes and networks: their own events, and containers coming and going (who uses what).
        const { type, action } = frame.event;
        // Dockside's own short-lived helpers (volume browsing) change nothing a person looks at.
        const helper = 'dockside.helper' in frame.event.attributes;
        if (!helper && (type === 'volume' || type === 'network' || (type === 'container' && (action === 'create' || action === 'destroy' || action === 'start' || action === 'die')))) {
          refetch.mark(keys.volumes.all);
          refetch.mark(keys.networks.all);
        }
        if (frame.event.type !== 'container') return;
        // exec_* and top-like actions do not change what the list shows.
        if (frame.event.action.startsWith('exec_')) return;
        // The row flips now; the refetch below brings the engine's full answer a moment later.
        const event = frame.event;
        qc.setQueriesData<ContainerSummary[]>({ queryKey: [...keys.containers.all, 'list'] }, (old) => old && applyContainerEvent(old, event));
        refetch.mark([...keys.containers.all, 'list']);
        refetch.mark(keys.containers.prunePreview);
        for (const ref of frame.event.name ? [frame.event.id, frame.event.name] : [frame.event.id]) {
          refetch.mark(keys.containers.detail(ref));
          refetch.mark(keys.containers.top(ref));
        }
      },
      onReconnect: () => void qc.invalidateQueries(),
    });
    let wasReachable: boolean | null = null;
    const offEngine = mux.onEngine((s) => {
      if (s.reachable && wasReachable === false) void qc.invalidateQueries();
      wasReachable = s.reachable;
    });
    return () => {
      channel.close();
      offEngine();
      refetch.dispose();
    };
  }, [mux, qc]);
}
