'use client';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '@/lib/api-client';
import type { AddEngineRequest, EditEngineRequest, SavedEngine } from '@/lib/protocol/engine-address';
import type { EngineInfo } from '@/lib/protocol/engines';
import { keys } from './query-keys';
import { useMux } from './use-mux';

/**
 * Every engine with its last known status, version and round-trip time (`GET /api/engines`, which
 * answers at once: engines are checked on the server in the background). What each check finds
 * arrives on the `engines` channel (useEnginesChannel, opened once by the shell) — no polling.
 */
export function useEngines() {
  return useQuery({
    queryKey: keys.engines,
    queryFn: ({ signal }) => api<EngineInfo[]>('/api/engines', { signal }),
    staleTime: 15_000,
    refetchOnWindowFocus: true,
  });
}

/** Puts one pushed row into the list (or asks for the list again when the row is new to it). */
function patchEngine(qc: QueryClient, info: EngineInfo): void {
  const list = qc.getQueryData<EngineInfo[]>(keys.engines);
  if (!list?.some((e) => e.name === info.name)) {
    void qc.invalidateQueries({ queryKey: keys.engines });
    return;
  }
  qc.setQueryData<EngineInfo[]>(keys.engines, list.map((e) => (e.name === info.name ? info : e)));
}

/**
 * The `engines` channel: every engine's row as the server's checks and hubs change it. Opened once
 * per tab (the shell's switcher), so the switcher, the home page and /engines all stay current.
 */
export function useEnginesChannel(): void {
  const mux = useMux();
  const qc = useQueryClient();
  useEffect(() => {
    if (!mux) return;
    const channel = mux.open(() => ({ kind: 'engines' }), {
      onFrame(frame) {
        if (frame.op === 'engine-info') patchEngine(qc, frame.info);
      },
      onReconnect: () => void qc.invalidateQueries({ queryKey: keys.engines }),
    });
    return channel.close;
  }, [mux, qc]);
}

const enginePath = (name: string) => `/api/engines/${encodeURIComponent(name)}`;

/** Add, change and remove the engines added in Dockside; each refreshes the list. */
export function useEngineAdmin() {
  const qc = useQueryClient();
  const onSuccess = () => void qc.invalidateQueries({ queryKey: keys.engines });
  const add = useMutation({ mutationFn: (body: AddEngineRequest) => api<SavedEngine>('/api/engines', { method: 'POST', body }), onSuccess });
  const edit = useMutation({ mutationFn: ({ name, body }: { name: string; body: EditEngineRequest }) => api<SavedEngine>(enginePath(name), { method: 'PUT', body }), onSuccess });
  const remove = useMutation({ mutationFn: (name: string) => api(enginePath(name), { method: 'DELETE' }), onSuccess });
  return { add, edit, remove };
}
