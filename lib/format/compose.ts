import type { ContainerState, ContainerSummary } from '../protocol/containers';
import { availableOperations, type OperationName } from './actions';

/** The labels Docker Compose puts on every container it creates. */
export const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';
export const COMPOSE_SERVICE_LABEL = 'com.docker.compose.service';

export const composeProject = (c: ContainerSummary): string | undefined => c.labels[COMPOSE_PROJECT_LABEL] || undefined;
export const composeService = (c: ContainerSummary): string | undefined => c.labels[COMPOSE_SERVICE_LABEL] || undefined;

export interface StateCounts {
  running: number;
  paused: number;
  stopped: number;
  other: number;
}

export type ListItem =
  | { kind: 'container'; container: ContainerSummary; /** Inside a project group. */ grouped: boolean }
  | { kind: 'project'; project: string; containers: ContainerSummary[]; counts: StateCounts; collapsed: boolean };

export function countStates(rows: readonly ContainerSummary[]): StateCounts {
  const n: StateCounts = { running: 0, paused: 0, stopped: 0, other: 0 };
  for (const r of rows) {
    if (r.state === 'running' || r.state === 'restarting') n.running++;
    else if (r.state === 'paused') n.paused++;
    else if (r.state === 'exited' || r.state === 'dead' || r.state === 'created') n.stopped++;
    else n.other++;
  }
  return n;
}

/** "2 running, 1 stopped" — only the non-zero counts. */
export function describeCounts(n: StateCounts): string {
  const parts = [n.running && `${n.running} running`, n.paused && `${n.paused} paused`, n.stopped && `${n.stopped} stopped`, n.other && `${n.other} other`].filter(Boolean);
  return parts.length ? parts.join(', ') : 'none';
}

/**
 * The list as the table shows it: containers of one Compose project gathered under a project row
 * (placed where the project's first container falls in the sorted list, members in sorted order),
 * the members left out when the project is collapsed; containers outside any project stay where
 * they are. Order within the input is kept, so sorting happens before grouping.
 */
export function groupByProject(rows: readonly ContainerSummary[], collapsed: ReadonlySet<string>): ListItem[] {
  const members = new Map<string, ContainerSummary[]>();
  for (const r of rows) {
    const p = composeProject(r);
    if (!p) continue;
    const list = members.get(p);
    if (list) list.push(r);
    else members.set(p, [r]);
  }
  const out: ListItem[] = [];
  const placed = new Set<string>();
  for (const r of rows) {
    const p = composeProject(r);
    if (!p) {
      out.push({ kind: 'container', container: r, grouped: false });
      continue;
    }
    if (placed.has(p)) continue;
    placed.add(p);
    const cs = members.get(p)!;
    const isCollapsed = collapsed.has(p);
    out.push({ kind: 'project', project: p, containers: cs, counts: countStates(cs), collapsed: isCollapsed });
    if (!isCollapsed) for (const c of cs) out.push({ kind: 'container', container: c, grouped: true });
  }
  return out;
}

/** The table's items for a view's rows: grouped by Compose project, or one flat list. */
export function listItems(rows: readonly ContainerSummary[], group: boolean, collapsed: ReadonlySet<string>): ListItem[] {
  return group ? groupByProject(rows, collapsed) : rows.map((c) => ({ kind: 'container' as const, container: c, grouped: false }));
}

/** How many containers a project row stands for (every container falls in exactly one count). */
export const projectSize = (n: StateCounts): number => n.running + n.paused + n.stopped + n.other;

/** Operations a bulk bar (or a project row) can offer: those that apply to at least one selected container. */
export const bulkOperations = ['start', 'stop', 'restart', 'pause', 'unpause', 'kill', 'remove'] as const satisfies readonly OperationName[];
export type BulkOperation = (typeof bulkOperations)[number];

/** For each bulk operation, the containers of the selection it applies to (by their state); operations that apply to none are left out. */
export function applicableTargets<T extends { state: ContainerState }>(selection: readonly T[]): Map<BulkOperation, T[]> {
  const out = new Map<BulkOperation, T[]>();
  for (const op of bulkOperations) {
    const fits = selection.filter((c) => availableOperations(c.state).includes(op));
    if (fits.length) out.set(op, fits);
  }
  return out;
}
