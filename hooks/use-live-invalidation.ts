'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ContainerSummary } from '@/lib/protocol/containers';
import { applyContainerEvent } from './container-list-patch';
import { keys } from './query-keys';
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
    let timer: ReturnType<typeof setTimeout> | null = null;
    const dirty = new Set<string>();
    const flush = () => {
      timer = null;
      void qc.invalidateQueries({ queryKey: [...keys.containers.all, 'list'] });
      void qc.invalidateQueries({ queryKey: keys.containers.prunePreview });
      for (const id of dirty) {
        void qc.invalidateQueries({ queryKey: keys.containers.detail(id) });
        void qc.invalidateQueries({ queryKey: keys.containers.top(id) });
      }
      dirty.clear();
    };
    const channel = mux.open(() => ({ kind: 'events' }), {
      onFrame(frame) {
        if (frame.op !== 'event' || frame.event.type !== 'container') return;
        // exec_* and top-like actions do not change what the list shows.
        if (frame.event.action.startsWith('exec_')) return;
        // The row flips now; the refetch below brings the engine's full answer a moment later.
        const event = frame.event;
        qc.setQueriesData<ContainerSummary[]>({ queryKey: [...keys.containers.all, 'list'] }, (old) => old && applyContainerEvent(old, event));
        dirty.add(frame.event.id);
        if (frame.event.name) dirty.add(frame.event.name);
        timer ??= setTimeout(flush, DEBOUNCE_MS);
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
      if (timer) clearTimeout(timer);
    };
  }, [mux, qc]);
}
