import type { ContainerSummary } from '../protocol/containers';
import type { ImageList, ImageSharing, ImageSummary } from '../protocol/images';
import { applyImageView, countImages, type ImageListView } from '../images/image-filter';
import { composeProject, listItems, type ListItem } from './compose';
import { applyView, countByStatus, type ListView, type StatusFilter } from './container-filter';

/**
 * How many rows (items) of a list a server-rendered page carries: the first screen of a tall window
 * with the table's overscan (a 900 px window's table shows 14 rows and renders 12 more). The page
 * renders them at once; the whole list arrives with the tab's own read of it, which it makes as it
 * mounts anyway (issue 18, "the first screen": a thousand rows in the HTML cost the server, the wire
 * and the browser ~0.5 MB parsed three times, for rows nobody sees yet).
 */
export const FIRST_SCREEN_ROWS = 60;

/** The sorted Compose projects of a container list (the project filter's choices). */
export const composeProjects = (all: readonly ContainerSummary[]): string[] =>
  [...new Set(all.map(composeProject).filter((p): p is string => !!p))].sort();

/**
 * The container list's first screen for one view: its first items, and what the page shows about
 * the whole list (status counts, projects, how many rows and items there are). Project rows come
 * without their members (`containers: []`; their counts are kept): their menus wait for the list.
 */
export interface ContainerFirstScreen {
  /** The view it was cut for (the URL's); any other view waits for the whole list. */
  view: ListView;
  items: ListItem[];
  itemCount: number;
  rowCount: number;
  total: number;
  counts: Record<StatusFilter, number>;
  projects: string[];
}

export function containerFirstScreen(all: ContainerSummary[], view: ListView, rows = FIRST_SCREEN_ROWS): ContainerFirstScreen {
  const shown = applyView(all, view);
  const items = listItems(shown, view.group, new Set());
  return {
    view,
    items: items.slice(0, rows).map((it) => (it.kind === 'project' ? { ...it, containers: [] } : it)),
    itemCount: items.length,
    rowCount: shown.length,
    total: all.length,
    counts: countByStatus(all),
    projects: composeProjects(all),
  };
}

/** The image list's first screen for one view, as for containers: its first rows (with their sizes, when known). */
export interface ImageFirstScreen {
  view: ImageListView;
  rows: ImageSummary[];
  rowCount: number;
  total: number;
  counts: ReturnType<typeof countImages>;
  /** Unique/shared sizes of `rows`, when the server had them; undefined = still being computed. */
  sharing?: Record<string, ImageSharing>;
}

export function imageFirstScreen(list: ImageList, sharing: Record<string, ImageSharing> | undefined, view: ImageListView, rows = FIRST_SCREEN_ROWS): ImageFirstScreen {
  const shown = applyImageView(list.images, view, sharing);
  const first = shown.slice(0, rows);
  return {
    view,
    rows: first,
    rowCount: shown.length,
    total: list.images.length,
    counts: countImages(list.images),
    sharing: sharing && Object.fromEntries(first.flatMap((i) => (sharing[i.id] ? [[i.id, sharing[i.id]!]] : []))),
  };
}

/** The same view (the window applies only to the view it was cut for). Views are flat records of strings and booleans. */
export function sameView<V extends object>(a: V, b: V): boolean {
  const ka = Object.keys(a) as (keyof V)[];
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
