'use client';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { EngineInfo } from '@/lib/protocol/engines';
import { keys } from './query-keys';

/**
 * Every engine with its status, version and round-trip time (`GET /api/engines`). The engine the tab
 * looks at is live from its events channel (useEngineStatus); the others are nobody's stream, so
 * this list is asked again when the window regains focus, when the switcher opens, and at most once a
 * minute in the background — not a fast poll: each ask probes every engine.
 */
export function useEngines() {
  return useQuery({
    queryKey: keys.engines,
    queryFn: ({ signal }) => api<EngineInfo[]>('/api/engines', { signal }),
    staleTime: 15_000,
    refetchOnWindowFocus: true,
    refetchInterval: 60_000,
    refetchIntervalInBackground: false,
  });
}
