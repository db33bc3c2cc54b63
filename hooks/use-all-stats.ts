'use client';
import { useEffect, useState } from 'react';
import type { StatsSample } from '@/lib/protocol/streams';
import { useMux } from './use-mux';

export interface AllStatsState {
  /** The latest batch: one sample per running container; null until the first batch. */
  samples: StatsSample[] | null;
  /** The batch before it, for per-second rates. */
  previous: ReadonlyMap<string, StatsSample>;
}

/** Every running container's stats, refreshed by the server about once a second. */
export function useAllStats(): AllStatsState {
  const mux = useMux();
  const [state, setState] = useState<AllStatsState>({ samples: null, previous: new Map() });

  useEffect(() => {
    if (!mux) return;
    const channel = mux.open(() => ({ kind: 'stats-all' }), {
      onFrame(frame) {
        if (frame.op !== 'stats-batch') return;
        setState((s) => ({ samples: frame.samples, previous: new Map((s.samples ?? []).map((x) => [x.id, x])) }));
      },
    });
    return () => channel.close();
  }, [mux]);

  return state;
}
