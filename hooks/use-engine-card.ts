'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '@/lib/api-client';
import type { ContainerSummary } from '@/lib/protocol/containers';
import type { EngineStatus } from '@/lib/protocol/engine';
import type { ImageList } from '@/lib/protocol/images';
import { ENGINE_QUERY_PARAM } from '@/lib/protocol/engine-name';
import { EventStateLedger } from '@/lib/protocol/container-event-state';
import { holdListsToEvents } from './container-list-patch';
import { useMux } from './use-mux';

const cardKey = (engine: string) => ['engine-card', engine, 'containers'] as const;
const imagesKey = (engine: string) => ['engine-card', engine, 'images'] as const;
/** A card's list that disagreed with an event is read again after this (the engine catches up in ms). */
const REREAD_AFTER_MS = 100;
const onEngine = (path: string, engine: string) => `${path}${path.includes('?') ? '&' : '?'}${ENGINE_QUERY_PARAM}=${encodeURIComponent(engine)}`;

/**
 * One engine's card on the engines page, its own in every way: its containers from its own request
 * (one engine down or slow never holds another's card), kept current by its own events channel
 * (container events refetch; its status comes and goes live) — no polling.
 */
export function useEngineCard(engine: string) {
  const mux = useMux();
  const qc = useQueryClient();
  const containers = useQuery({
    queryKey: cardKey(engine),
    queryFn: ({ signal }) => api<ContainerSummary[]>(onEngine('/api/containers?all=1&size=0', engine), { signal }),
    retry: false,
  });
  const images = useQuery({
    queryKey: imagesKey(engine),
    queryFn: ({ signal }) => api<ImageList>(onEngine('/api/images', engine), { signal }),
    retry: false,
  });
  const [status, setStatus] = useState<EngineStatus | null>(null);
  useEffect(() => {
    if (!mux) return;
    const queryKey = cardKey(engine);
    // The running count follows the events even when the engine's list lags behind them (see the ledger).
    const ledger = new EventStateLedger();
    let rereadTimer: ReturnType<typeof setTimeout> | undefined;
    const unholdList = holdListsToEvents(
      qc,
      ledger,
      (key) => key[0] === queryKey[0] && key[1] === engine && key[2] === queryKey[2],
      () => {
        clearTimeout(rereadTimer);
        rereadTimer = setTimeout(() => void qc.invalidateQueries({ queryKey }), REREAD_AFTER_MS);
      },
    );
    let wasReachable: boolean | null = null;
    const channel = mux.open(() => ({ kind: 'events', engine }), {
      onFrame(frame) {
        if (frame.op === 'engine') {
          setStatus(frame.engine);
          if (frame.engine.reachable && wasReachable === false) void qc.invalidateQueries({ queryKey: ['engine-card', engine] });
          wasReachable = frame.engine.reachable;
        } else if (frame.op === 'event' && frame.event.type === 'container' && !frame.event.action.startsWith('exec_')) {
          ledger.record(frame.event);
          void qc.invalidateQueries({ queryKey });
        } else if (frame.op === 'event' && frame.event.type === 'image') {
          void qc.invalidateQueries({ queryKey: imagesKey(engine) });
        }
      },
      onReconnect: () => void qc.invalidateQueries({ queryKey: ['engine-card', engine] }),
    });
    return () => {
      channel.close();
      unholdList();
      clearTimeout(rereadTimer);
    };
  }, [mux, qc, engine]);
  return { containers, images, status };
}
