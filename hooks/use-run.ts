'use client';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { CreateContainerRequest, CreateContainerResult, RecreateResult, RunSpec } from '@/lib/protocol/run-spec';
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

export const createContainer = (req: CreateContainerRequest) => api<CreateContainerResult>('/api/run', { method: 'POST', body: req });
export const recreateContainer = (id: string, spec: RunSpec) => api<RecreateResult>(`/api/containers/${enc(id)}/recreate`, { method: 'POST', body: { spec } });
export const fetchRunSpec = (id: string) => api<{ spec: RunSpec; notes: string[] }>(`/api/containers/${enc(id)}/run-spec`);
