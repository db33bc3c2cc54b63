'use client';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { CreateVolumeRequest, VolumeListing, VolumePrunePreview, VolumePruneResult, VolumeSizes, VolumeSummary } from '@/lib/protocol/volumes';
import { keys } from './query-keys';

const enc = encodeURIComponent;

export function useVolumes(follow = true) {
  return useQuery({ subscribed: follow, queryKey: keys.volumes.list, queryFn: ({ signal }) => api<VolumeSummary[]>('/api/volumes', { signal }) });
}

/** The disk-usage walk: only when asked, and kept until asked again (it is the expensive call). */
export function useVolumeSizes(enabled: boolean) {
  return useQuery({ queryKey: keys.volumes.sizes, queryFn: ({ signal }) => api<VolumeSizes>('/api/volume-sizes', { signal }), enabled, staleTime: Infinity });
}

export function useVolumePrunePreview(enabled: boolean) {
  return useQuery({ queryKey: keys.volumes.prunePreview, queryFn: ({ signal }) => api<VolumePrunePreview>('/api/prune/volumes', { signal }), enabled });
}

export const createVolume = (req: CreateVolumeRequest) => api<VolumeSummary>('/api/volumes', { method: 'POST', body: req });
export const removeVolume = (name: string) => api<void>(`/api/volumes/${enc(name)}`, { method: 'DELETE' });
export const pruneVolumes = () => api<VolumePruneResult>('/api/prune/volumes', { method: 'POST' });

export function useVolumeFiles(volume: string | null, path: string) {
  return useQuery({
    queryKey: keys.volumeFiles(volume ?? '', path),
    queryFn: ({ signal }) => api<VolumeListing>(`/api/volumes/${enc(volume!)}/files?path=${enc(path)}`, { signal }),
    enabled: Boolean(volume),
    retry: false,
  });
}

export const volumeDownloadHref = (volume: string, path: string) => `/api/volumes/${enc(volume)}/files/download?path=${enc(path)}`;
