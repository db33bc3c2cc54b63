'use client';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type {
  CommitRequest,
  CommitResult,
  ContainerChanges,
  DirectoryListing,
  ImageList,
  ImagePruneMode,
  ImagePrunePreview,
  ImagePruneResult,
  InspectedImage,
  LayerGraph,
  RemovalPreview,
  RemovalResult,
} from '@/lib/protocol/images';
import { keys } from './query-keys';

const enc = encodeURIComponent;
/** Route paths name images by bare hex id. */
export const imagePathId = (id: string) => id.replace(/^sha256:/, '');

export function useImageList(opts: { sharing: boolean }) {
  return useQuery({
    queryKey: keys.images.list(opts),
    queryFn: ({ signal }) => api<ImageList>(`/api/images?sharing=${opts.sharing ? 1 : 0}`, { signal }),
  });
}

export function useImage(id: string) {
  return useQuery({
    queryKey: keys.images.detail(id),
    queryFn: ({ signal }) => api<InspectedImage>(`/api/images/${enc(imagePathId(id))}`, { signal }),
  });
}

/** `sizes` also measures every container's read-write layer (a walk of each: only when asked). */
export function useLayerGraph(sizes = false) {
  return useQuery({
    queryKey: keys.images.layers(sizes),
    queryFn: ({ signal }) => api<LayerGraph>(`/api/images/layers?sizes=${sizes ? 1 : 0}`, { signal }),
    placeholderData: (prev) => prev,
    staleTime: sizes ? 60_000 : 0,
  });
}

export function useRemovePreview(id: string, tag: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: keys.images.removePreview(id, tag),
    queryFn: ({ signal }) => api<RemovalPreview>(`/api/images/${enc(imagePathId(id))}/remove${tag ? `?tag=${enc(tag)}` : ''}`, { signal }),
    enabled,
    retry: false,
  });
}

const pruneQuery = (mode: ImagePruneMode, label: string) => new URLSearchParams(label ? { mode, label } : { mode }).toString();

export function useImagePrunePreview(mode: ImagePruneMode, label: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.images.prunePreview(mode, label),
    queryFn: ({ signal }) => api<ImagePrunePreview>(`/api/prune/images?${pruneQuery(mode, label)}`, { signal }),
    enabled,
    retry: false,
  });
}

export function tagImage(id: string, target: string): Promise<void> {
  return api(`/api/images/${enc(imagePathId(id))}/tag`, { method: 'POST', body: { target } });
}

export function removeImage(id: string, opts: { tag?: string; force: boolean }): Promise<RemovalResult> {
  const q = new URLSearchParams({ force: opts.force ? '1' : '0' });
  if (opts.tag) q.set('tag', opts.tag);
  return api(`/api/images/${enc(imagePathId(id))}?${q}`, { method: 'DELETE' });
}

export function pruneImages(mode: ImagePruneMode, label: string): Promise<ImagePruneResult> {
  return api(`/api/prune/images?${pruneQuery(mode, label)}`, { method: 'POST', body: {} });
}

/** `docker diff` is a walk of two filesystems: only when asked (`enabled`), never refetched by events. */
export function useContainerChanges(id: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.containers.changes(id),
    queryFn: ({ signal }) => api<ContainerChanges>(`/api/containers/${enc(id)}/diff`, { signal }),
    enabled,
    retry: false,
    staleTime: Infinity,
  });
}

export function useContainerFiles(id: string, path: string) {
  return useQuery({
    queryKey: keys.containers.files(id, path),
    queryFn: ({ signal }) => api<DirectoryListing>(`/api/containers/${enc(id)}/files?path=${enc(path)}`, { signal }),
    retry: false,
  });
}

export function commitContainer(id: string, body: CommitRequest): Promise<CommitResult> {
  return api(`/api/containers/${enc(id)}/commit`, { method: 'POST', body });
}

export function downloadUrl(id: string, path: string): string {
  return `/api/containers/${enc(id)}/files/download?path=${enc(path)}`;
}
