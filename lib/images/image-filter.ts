import type { ImageSharing, ImageSummary } from '../protocol/images';
import { matchesLabelFilter, parseLabelFilter } from '../format/label-filter';

/** What `<none>:<none>` means, said once for every place that shows it. */
export const NONE_TAG_EXPLANATION =
  '<none>:<none> is an image without a tag: either an intermediate step of a build that other images are built on (shown only with "all"), or a dangling image whose tag moved to a newer build (safe to prune).';

export const imageShows = ['top', 'all'] as const;
export const imageUseFilters = ['any', 'in-use', 'unused', 'dangling'] as const;
export const imageSortKeys = ['tags', 'id', 'created', 'size', 'unique', 'shared', 'containers'] as const;
export type ImageSortKey = (typeof imageSortKeys)[number];
export type ImageUseFilter = (typeof imageUseFilters)[number];

export interface ImageListView {
  /** top = `docker images`; all = `docker images -a` (adds intermediates). */
  show: (typeof imageShows)[number];
  use: ImageUseFilter;
  /** `key` or `key=value`. */
  label: string;
  /** A glob over repo:tag, as `docker images --filter reference=…` (`*` stops at "/"). */
  reference: string;
  q: string;
  sort: ImageSortKey;
  dir: 'asc' | 'desc';
}

export const defaultImageView: ImageListView = { show: 'top', use: 'any', label: '', reference: '', q: '', sort: 'created', dir: 'desc' };

export function imageViewFromParams(p: URLSearchParams): ImageListView {
  const pick = <T extends string>(v: string | null, allowed: readonly T[], d: T): T => (v && (allowed as readonly string[]).includes(v) ? (v as T) : d);
  return {
    show: pick(p.get('show'), imageShows, defaultImageView.show),
    use: pick(p.get('use'), imageUseFilters, defaultImageView.use),
    label: (p.get('label') ?? '').slice(0, 200),
    reference: (p.get('reference') ?? '').slice(0, 200),
    q: (p.get('q') ?? '').slice(0, 200),
    sort: pick(p.get('sort'), imageSortKeys, defaultImageView.sort),
    dir: pick(p.get('dir'), ['asc', 'desc'] as const, defaultImageView.dir),
  };
}

export function imageViewToParams(v: ImageListView): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of Object.keys(defaultImageView) as Array<keyof ImageListView>) {
    if (v[k] !== defaultImageView[k]) p.set(k, v[k]);
  }
  return p;
}

/** `docker images` hides intermediates; dangling ones are shown as `<none>:<none>`. */
export function isTopLevel(img: ImageSummary): boolean {
  return img.kind !== 'intermediate';
}

export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (const ch of glob) {
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * Docker matches `reference=` against each tag's familiar forms: `repo:tag` and `repo` alone
 * (so `busy*` matches `busybox:latest`).
 */
export function matchesReference(img: ImageSummary, glob: string): boolean {
  if (!glob) return true;
  const re = globToRegExp(glob);
  return img.repoTags.some((t) => {
    const colon = t.lastIndexOf(':');
    const repo = colon > t.lastIndexOf('/') ? t.slice(0, colon) : t;
    return re.test(t) || re.test(repo);
  });
}

/** `docker images --filter label=key[=value]` (one parser for both lists: lib/format/label-filter.ts); an unparsable filter matches nothing. */
export function matchesLabel(img: ImageSummary, label: string): boolean {
  const parsed = parseLabelFilter(label);
  return parsed.ok && matchesLabelFilter(img.labels, parsed.filter);
}

const useMatches: Record<ImageUseFilter, (i: ImageSummary) => boolean> = {
  any: () => true,
  'in-use': (i) => i.containers > 0,
  unused: (i) => i.containers === 0,
  dangling: (i) => i.kind === 'dangling',
};

export function displayTags(img: ImageSummary): string[] {
  return img.repoTags.length ? img.repoTags : ['<none>:<none>'];
}

function compare(a: ImageSummary, b: ImageSummary, key: ImageSortKey, sharing?: Record<string, ImageSharing>): number {
  const tie = a.id.localeCompare(b.id);
  switch (key) {
    case 'tags':
      return displayTags(a)[0]!.localeCompare(displayTags(b)[0]!) || tie;
    case 'id':
      return tie;
    case 'created':
      return a.created - b.created || tie;
    case 'size':
      return a.size - b.size || tie;
    case 'unique':
      return (sharing?.[a.id]?.uniqueSize ?? -1) - (sharing?.[b.id]?.uniqueSize ?? -1) || tie;
    case 'shared':
      return (sharing?.[a.id]?.sharedSize ?? -1) - (sharing?.[b.id]?.sharedSize ?? -1) || tie;
    case 'containers':
      return a.containers - b.containers || tie;
  }
}

/** Filter, search and sort for the images list. Pure, so it is tested alone. */
export function applyImageView(rows: ImageSummary[], v: ImageListView, sharing?: Record<string, ImageSharing>): ImageSummary[] {
  const q = v.q.trim().toLowerCase();
  const bareQ = q.replace(/^sha256:/, '');
  const out = rows.filter(
    (r) =>
      (v.show === 'all' || isTopLevel(r)) &&
      useMatches[v.use](r) &&
      matchesLabel(r, v.label) &&
      matchesReference(r, v.reference) &&
      (!q || r.id.slice(7).startsWith(bareQ) || r.repoTags.some((t) => t.toLowerCase().includes(q)) || r.repoDigests.some((d) => d.toLowerCase().includes(q))),
  );
  const sign = v.dir === 'asc' ? 1 : -1;
  return out.sort((a, b) => sign * compare(a, b, v.sort, sharing));
}

export function countImages(rows: ImageSummary[]): { top: number; all: number; dangling: number; intermediate: number; inUse: number } {
  let dangling = 0;
  let intermediate = 0;
  let inUse = 0;
  for (const r of rows) {
    if (r.kind === 'dangling') dangling++;
    if (r.kind === 'intermediate') intermediate++;
    if (r.containers > 0) inUse++;
  }
  return { top: rows.length - intermediate, all: rows.length, dangling, intermediate, inUse };
}

export function shortImageId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** An image as a page title names it: its first tag, or "Image <short id>" (a title of `<none>:<none>` tells tabs apart no better than none). */
export function imageTitle(img: { id: string; repoTags: readonly string[] }): string {
  return img.repoTags[0] ?? `Image ${shortImageId(img.id)}`;
}
