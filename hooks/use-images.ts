'use client';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { currentEngine, engineFromSearch } from '@/lib/engine-scope';
import { earlyLayerGraphUrl } from '@/lib/images/layer-map';
import { DEFAULT_ENGINE_NAME } from '@/lib/protocol/engine-name';
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

/** `follow: false` holds the list as it is: events do not refetch it for this component (react-query's `subscribed`). */
export function useImageList(opts: { sharing: boolean }, follow = true) {
  return useQuery({
    subscribed: follow,
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

const LAYER_GRAPH_PATH = '/api/images/layers?sizes=';

/**
 * The graph read early on a direct load of the map: the query would otherwise ask only once the app
 * has hydrated and run its effects, and the read is most of the page's wait. The page's HTML
 * preloads `earlyLayerGraphUrl` (app/(dashboard)/images/map/page.tsx); this is a plain GET shaped
 * as that preload is (no extra headers, same credentials), so the browser hands it the preloaded
 * answer instead of asking again. Taken once,
 * by the first read of the same engine soon after; any other read asks afresh, and a failed early
 * read is simply asked again the usual way (which reports the error).
 */
let earlyGraph: { engine: string; at: number; answer: Promise<LayerGraph | null> } | null = null;
const EARLY_GRAPH_FRESH_MS = 5_000;

/**
 * Starts that read when this document was loaded as `pathname` and is still there (a direct load):
 * a client-side navigation reads as usual (its engine is the tab's, known only once rendered).
 */
export function readLayerGraphEarly(pathname: string): void {
  if (typeof window === 'undefined' || window.location.pathname !== pathname) return;
  const nav = performance.getEntriesByType('navigation')[0];
  if (!nav || nav.name !== window.location.href) return;
  const engine = engineFromSearch(window.location.search) ?? DEFAULT_ENGINE_NAME;
  const answer = fetch(earlyLayerGraphUrl(engine), { credentials: 'same-origin' })
    .then((res) => (res.ok ? (res.json() as Promise<LayerGraph>) : null))
    .catch(() => null);
  earlyGraph = { engine, at: performance.now(), answer };
}

/** The early read, once, for a read of `sizes` on the tab's engine now (exported for its test). */
export function takeEarlyGraph(sizes: boolean): Promise<LayerGraph | null> | null {
  const early = earlyGraph;
  if (!early || sizes) return null;
  earlyGraph = null;
  return early.engine === currentEngine() && performance.now() - early.at < EARLY_GRAPH_FRESH_MS ? early.answer : null;
}

const readLayerGraph = (sizes: boolean, signal: AbortSignal) => api<LayerGraph>(`${LAYER_GRAPH_PATH}${sizes ? 1 : 0}`, { signal });

/** `sizes` also measures every container's read-write layer (a walk of each: only when asked). */
export function useLayerGraph(sizes = false) {
  return useQuery({
    queryKey: keys.images.layers(sizes),
    queryFn: async ({ signal }) => (await takeEarlyGraph(sizes)) ?? readLayerGraph(sizes, signal),
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
