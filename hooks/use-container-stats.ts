'use client';
import { useEffect, useState } from 'react';
import type { ErrorCode } from '@/lib/protocol/errors';
import type { StatsSample } from '@/lib/protocol/streams';
import { appendSample } from './stats-buffer';
import { useMux } from './use-mux';

/** `connecting` until the server answers; `exited` once the container stopped. */
export type StatsStatus = 'idle' | 'connecting' | 'live' | 'exited' | 'error';

export interface ContainerStatsState {
  status: StatsStatus;
  /** The last ~5 minutes, oldest first. */
  samples: StatsSample[];
  error?: { code: ErrorCode; message: string };
}

const initial: ContainerStatsState = { status: 'idle', samples: [] };

/**
 * Live `docker stats` for one container over the tab's socket. `generation` is anything that
 * changes when the container is restarted (its StartedAt), so a restart opens a fresh channel.
 */
export function useContainerStats(ref: string, opts: { enabled: boolean; generation?: string | null }): ContainerStatsState {
  const mux = useMux();
  const [state, setState] = useState<ContainerStatsState>(initial);
  const { enabled, generation } = opts;

  useEffect(() => {
    if (!mux || !enabled) {
      setState(initial);
      return;
    }
    setState({ status: 'connecting', samples: [] });
    const channel = mux.open(() => ({ kind: 'stats', params: { container: ref } }), {
      onFrame(frame) {
        switch (frame.op) {
          case 'opened':
            setState((s) => ({ ...s, status: 'live', error: undefined }));
            return;
          case 'stats':
            setState((s) => ({ ...s, status: 'live', samples: appendSample(s.samples, frame.sample) }));
            return;
          case 'end':
            channel.close();
            setState((s) => ({ ...s, status: frame.reason === 'error' ? 'error' : 'exited', error: frame.reason === 'error' ? { code: 'engine_error', message: frame.message ?? 'The stats stream failed.' } : undefined }));
            return;
          case 'error':
            channel.close();
            setState((s) => ({ ...s, status: 'error', error: { code: frame.code, message: frame.message } }));
            return;
        }
      },
      // The socket came back and the channel was re-opened: keep the history, await the answer.
      onReconnect: () => setState((s) => ({ ...s, status: 'connecting' })),
    });
    return () => channel.close();
  }, [mux, ref, enabled, generation]);

  return state;
}
