import type { ContainerState, ContainerSummary } from '../protocol/containers';
import { composeProject, composeService } from './compose';
import { labelsContain, MAX_LABEL_FILTER_LENGTH, matchesLabelFilter, parseLabelFilter } from './label-filter';
import { formatPort } from './ports';

export const statusFilters = ['all', 'running', 'exited', 'paused', 'created'] as const;
export type StatusFilter = (typeof statusFilters)[number];
export const healthFilters = ['any', 'healthy', 'unhealthy', 'starting'] as const;
export type HealthFilter = (typeof healthFilters)[number];
export const sortKeys = ['name', 'image', 'status', 'created', 'ports'] as const;
export type SortKey = (typeof sortKeys)[number];

export interface ListView {
  status: StatusFilter;
  q: string;
  sort: SortKey;
  dir: 'asc' | 'desc';
  /** `docker ps -l`: only the most recently created container. */
  latest: boolean;
  health: HealthFilter;
  /** Only the containers of this Compose project ('' = all). */
  project: string;
  /** Group Compose projects (false = one flat list). */
  group: boolean;
  /** `docker ps --filter label=key[=value]` ('' = none; lib/format/label-filter.ts). */
  label: string;
}

export const defaultView: ListView = { status: 'all', q: '', sort: 'created', dir: 'desc', latest: false, health: 'any', project: '', group: true, label: '' };

/** Reads the view from the URL, ignoring anything that is not one of the known values. */
export function viewFromParams(p: URLSearchParams): ListView {
  const pick = <T extends string>(v: string | null, allowed: readonly T[], d: T): T => (v && (allowed as readonly string[]).includes(v) ? (v as T) : d);
  return {
    status: pick(p.get('status'), statusFilters, defaultView.status),
    q: (p.get('q') ?? '').slice(0, 200),
    sort: pick(p.get('sort'), sortKeys, defaultView.sort),
    dir: pick(p.get('dir'), ['asc', 'desc'] as const, defaultView.dir),
    latest: p.get('latest') === '1',
    health: pick(p.get('health'), healthFilters, defaultView.health),
    project: (p.get('project') ?? '').slice(0, 200),
    group: p.get('flat') !== '1',
    label: (p.get('label') ?? '').slice(0, MAX_LABEL_FILTER_LENGTH),
  };
}

export function viewToParams(v: ListView): URLSearchParams {
  const p = new URLSearchParams();
  if (v.status !== defaultView.status) p.set('status', v.status);
  if (v.q) p.set('q', v.q);
  if (v.sort !== defaultView.sort) p.set('sort', v.sort);
  if (v.dir !== defaultView.dir) p.set('dir', v.dir);
  if (v.latest) p.set('latest', '1');
  if (v.health !== defaultView.health) p.set('health', v.health);
  if (v.project) p.set('project', v.project);
  if (!v.group) p.set('flat', '1');
  if (v.label.trim()) p.set('label', v.label.trim());
  return p;
}

const statusMatches: Record<StatusFilter, (s: ContainerState) => boolean> = {
  all: () => true,
  running: (s) => s === 'running' || s === 'restarting',
  exited: (s) => s === 'exited' || s === 'dead',
  paused: (s) => s === 'paused',
  created: (s) => s === 'created',
};

// Running first when sorting by status, the way people scan a list.
const stateOrder: Record<ContainerState, number> = { running: 0, restarting: 1, paused: 2, created: 3, removing: 4, exited: 5, dead: 6 };

function compare(a: ContainerSummary, b: ContainerSummary, key: SortKey): number {
  switch (key) {
    case 'name':
      return a.name.localeCompare(b.name);
    case 'image':
      return a.image.localeCompare(b.image) || a.name.localeCompare(b.name);
    case 'status':
      return stateOrder[a.state] - stateOrder[b.state] || a.name.localeCompare(b.name);
    case 'created':
      return a.created - b.created || a.name.localeCompare(b.name);
    case 'ports':
      return (a.ports[0]?.hostPort ?? a.ports[0]?.containerPort ?? 1e9) - (b.ports[0]?.hostPort ?? b.ports[0]?.containerPort ?? 1e9);
  }
}

/**
 * What the search box matches (lower-case `q`): name, image, id prefix, Compose project and
 * service, labels (`key`, `value` or `key=value`), and published ports as `docker ps` writes them
 * (`8080`, `:8080`, `80/tcp`, `0.0.0.0:8080->80/tcp`).
 */
export function searchMatches(r: ContainerSummary, q: string): boolean {
  if (r.name.toLowerCase().includes(q) || r.image.toLowerCase().includes(q) || r.id.startsWith(q)) return true;
  const project = composeProject(r);
  const service = composeService(r);
  if ((project && project.toLowerCase().includes(q)) || (service && service.toLowerCase().includes(q))) return true;
  if (labelsContain(r.labels, q)) return true;
  return r.ports.some((p) => formatPort(p).includes(q) || String(p.hostPort ?? '') === q.replace(/^:/, ''));
}

/** Filter, search and sort: what the list shows for a given view. Pure, so it is tested alone. */
export function applyView(rows: ContainerSummary[], v: ListView): ContainerSummary[] {
  let out = rows;
  if (v.latest) {
    const newest = rows.reduce<ContainerSummary | null>((best, r) => (!best || r.created > best.created ? r : best), null);
    out = newest ? [newest] : [];
  }
  const q = v.q.trim().toLowerCase();
  // An unparsable label filter matches nothing (the page says why) rather than silently everything.
  const label = parseLabelFilter(v.label);
  out = out.filter(
    (r) =>
      statusMatches[v.status](r.state) &&
      (v.health === 'any' || r.health === v.health) &&
      (!v.project || composeProject(r) === v.project) &&
      label.ok &&
      matchesLabelFilter(r.labels, label.filter) &&
      (!q || searchMatches(r, q)),
  );
  const sign = v.dir === 'asc' ? 1 : -1;
  return [...out].sort((a, b) => sign * compare(a, b, v.sort));
}

export function countByStatus(rows: ContainerSummary[]): Record<StatusFilter, number> {
  const counts = { all: rows.length, running: 0, exited: 0, paused: 0, created: 0 };
  for (const r of rows) {
    for (const f of ['running', 'exited', 'paused', 'created'] as const) if (statusMatches[f](r.state)) counts[f]++;
  }
  return counts;
}

/**
 * The container a reference names, in the engine's order: its whole id, then its name, then an id
 * prefix only it has (the image side is lib/protocol/run/image-match.ts).
 */
export function findContainer<T extends Pick<ContainerSummary, 'id' | 'name'>>(containers: readonly T[], ref: string): T | undefined {
  if (!ref) return undefined;
  const found = containers.find((c) => c.id === ref) ?? containers.find((c) => c.name === ref);
  if (found || !/^[0-9a-f]+$/.test(ref)) return found;
  const prefixed = containers.filter((c) => c.id.startsWith(ref));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}
