'use client';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { InspectedImage } from '@/lib/protocol/images';
import type { CreateContainerRequest, CreateContainerResult, RecreateResult, RunSpec } from '@/lib/protocol/run-spec';
import type { TaskSummary } from '@/lib/protocol/tasks';
import { transfersPaths } from '@/lib/protocol/transfers';
import type { MuxClient } from '@/lib/ws-client/mux-client';
import { subscribeEngineEvents } from './engine-events';
import { keys } from './query-keys';

const enc = encodeURIComponent;

/** The spec that makes a container again (Duplicate / Edit, Copy as docker run). */
export function useContainerRunSpec(id: string | null) {
  return useQuery({
    queryKey: keys.containers.runSpec(id ?? ''),
    queryFn: ({ signal }) => api<{ spec: RunSpec; notes: string[] }>(`/api/containers/${enc(id!)}/run-spec`, { signal }),
    enabled: Boolean(id),
    // A form being edited must not be reset under the user's hands by a refetch.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

/**
 * While a run is on its way: `onMade(id)` once the engine's `create` event names the container made
 * under `name` (names are unique on an engine; an unnamed run has nothing to match, so nothing is
 * called). The event comes while the engine is still starting the container, well before the run's
 * answer, so the container's page can be loaded meanwhile. Returns the unsubscribe.
 */
export function whenContainerMade(mux: MuxClient | null, name: string | undefined, onMade: (id: string) => void): () => void {
  const wanted = name?.replace(/^\//, '');
  if (!mux || !wanted) return () => undefined;
  let seen = false;
  return subscribeEngineEvents(mux, {
    onEvent(e) {
      if (seen || e.type !== 'container' || e.action !== 'create' || e.name !== wanted) return;
      seen = true;
      onMade(e.id);
    },
  });
}

export const createContainer = (req: CreateContainerRequest) => api<CreateContainerResult>('/api/run', { method: 'POST', body: req });
export const recreateContainer = (id: string, spec: RunSpec) => api<RecreateResult>(`/api/containers/${enc(id)}/recreate`, { method: 'POST', body: { spec } });
export const fetchRunSpec = (id: string) => api<{ spec: RunSpec; notes: string[] }>(`/api/containers/${enc(id)}/run-spec`);

/** Starts the server's pull task for an image the form names but the engine lacks (stored registry credentials are used there). */
export const startPull = (reference: string) => api<TaskSummary>(transfersPaths.pull, { method: 'POST', body: { reference } });

/** A local image's config (its defaults: Cmd, Entrypoint, Env, ports, WorkingDir, User), once it is known which image; `follow` as in useImageList. */
export function useImageDefaults(id: string | undefined, follow = true) {
  return useQuery({
    subscribed: follow,
    queryKey: keys.images.detail(id ?? ''),
    queryFn: ({ signal }) => api<InspectedImage>(`/api/images/${enc(id!.replace(/^sha256:/, ''))}`, { signal }),
    enabled: Boolean(id),
    select: (d) => d.image.config,
    staleTime: 60_000,
  });
}
