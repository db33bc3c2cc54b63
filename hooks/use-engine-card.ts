'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '@/lib/api-client';
import type { ContainerSummary } from '@/lib/protocol/containers';
import type { EngineStatus } from '@/lib/protocol/engine';
import type { ImageList } from '@/lib/protocol/images';
import { ENGINE_QUERY_PARAM } from '@/lib/protocol/engine-name';
import { useMux } from './use-mux';

const cardKey = (engine: string) => ['engine-card', engine, 'containers'] as const;
const imagesKey = (engine: string) => ['engine-card', engine, 'images'] as const;
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
    let wasReachable: boolean | null = null;
    const channel = mux.open(() => ({ kind: 'events', engine }), {
      onFrame(frame) {
        if (frame.op === 'engine') {
          setStatus(frame.engine);
          if (frame.engine.reachable && wasReachable === false) void qc.invalidateQueries({ queryKey: ['engine-card', engine] });
          wasReachable = frame.engine.reachable;
        } else if (frame.op === 'event' && frame.event.type === 'container' && !frame.event.action.startsWith('exec_')) {
          void qc.invalidateQueries({ queryKey });
        } else if (frame.op === 'event' && frame.event.type === 'image') {
          void qc.invalidateQueries({ queryKey: imagesKey(engine) });
        }
      },
      onReconnect: () => void qc.invalidateQueries({ queryKey: ['engine-card', engine] }),
    });
    return channel.close;
  }, [mux, qc, engine]);
  return { containers, images, status };
}
