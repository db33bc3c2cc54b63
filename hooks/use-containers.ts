'use client';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type {
  ContainerAction,
  ContainerDetail,
  ContainerSizes,
  ContainerSummary,
  ProcessList,
  PrunePreview,
  PruneResult,
  RemoveContainerOptions,
} from '@/lib/protocol/containers';
import type { DemoRemoveResult } from '@/lib/protocol/demo';
import { keys } from './query-keys';

const enc = encodeURIComponent;

export function useContainerList(opts: { size: boolean }, enabled = true) {
  return useQuery({
    queryKey: keys.containers.list(opts),
    queryFn: ({ signal }) => api<ContainerSummary[]>(`/api/containers?all=1&size=${opts.size ? 1 : 0}`, { signal }),
    enabled,
    // Sizes walk every read-write layer: keep them until asked again rather than refetching on each event.
    staleTime: opts.size ? 60_000 : 0,
  });
}

/** A container page's own query; the run form starts it ahead as it navigates to the container it made. */
export const containerQuery = (id: string) =>
  queryOptions({
    queryKey: keys.containers.detail(id),
    queryFn: ({ signal }) => api<{ container: ContainerDetail; inspect: unknown }>(`/api/containers/${enc(id)}`, { signal }),
  });

export function useContainer(id: string) {
  return useQuery(containerQuery(id));
}

export function useContainerProcesses(id: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.containers.top(id),
    queryFn: ({ signal }) => api<ProcessList>(`/api/containers/${enc(id)}/top`, { signal }),
    enabled,
    retry: false,
  });
}

export function useContainerSize(id: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.containers.size(id),
    queryFn: ({ signal }) => api<ContainerSizes>(`/api/containers/${enc(id)}/size`, { signal }),
    enabled,
    staleTime: 60_000,
  });
}

export function usePrunePreview(enabled: boolean) {
  return useQuery({
    queryKey: keys.containers.prunePreview,
    queryFn: ({ signal }) => api<PrunePreview>('/api/prune/containers', { signal }),
    enabled,
  });
}

export function runAction(id: string, action: ContainerAction): Promise<void> {
  return api(`/api/containers/${enc(id)}/actions`, { method: 'POST', body: action });
}

export function removeContainer(id: string, opts: Partial<RemoveContainerOptions>): Promise<void> {
  return api(`/api/containers/${enc(id)}?force=${opts.force ? 1 : 0}&volumes=${opts.volumes ? 1 : 0}`, { method: 'DELETE' });
}

export function usePruneContainers() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<PruneResult>('/api/prune/containers', { method: 'POST', body: {} }),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.containers.all }),
  });
}

/** Removes the sandbox's demo containers (label dockside.demo) in one request. */
export function useRemoveDemoContainers() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<DemoRemoveResult>('/api/demo', { method: 'DELETE' }),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.containers.all }),
  });
}
