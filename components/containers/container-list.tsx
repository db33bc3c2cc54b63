'use client';
import Link from 'next/link';
import { useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ListStates } from '@/components/ui/list-states';
import { Spinner } from '@/components/ui/spinner';
import { useContainerActions, type Target } from '@/hooks/use-container-actions';
import { useContainerList } from '@/hooks/use-containers';
import { useOpenSingleMatch, useRowSelection } from '@/hooks/use-row-selection';
import { useSlashFocus } from '@/hooks/use-slash-focus';
import { useUrlView } from '@/hooks/use-url-view';
import { useEngineDown, useEngineStatus } from '@/hooks/use-mux';
import { hrefForEngine } from '@/lib/engine-scope';
import { countNoun, operationWords } from '@/lib/format/actions';
import { applicableTargets, listItems, type BulkOperation } from '@/lib/format/compose';
import { applyView, countByStatus, healthFilters, statusFilters, viewFromParams, viewToParams, type ListView, type SortKey } from '@/lib/format/container-filter';
import { composeProjects, sameView, type ContainerFirstScreen } from '@/lib/format/first-screen';
import { isDemoContainer } from '@/lib/protocol/demo';
import { parseLabelFilter } from '@/lib/format/label-filter';
import { ContainerTable } from './container-table';
import { RemoveDemoButton } from './demo';
import { LazyOperationDialog } from './lazy-dialogs';
import type { OperationRequest } from './operation-dialog';
import { PruneDialog } from './prune-dialog';
import { LazyCommitDialog } from '@/components/images/lazy-dialogs';


const statusLabel: Record<(typeof statusFilters)[number], string> = { all: 'All', running: 'Running', exited: 'Exited', paused: 'Paused', created: 'Created' };
const healthLabel: Record<(typeof healthFilters)[number], string> = { any: 'Any health', healthy: 'Healthy', unhealthy: 'Unhealthy', starting: 'Starting' };
const bulkIcons: Partial<Record<BulkOperation, string>> = { start: '▶', stop: '■', restart: '↻', pause: '❚❚' };
const BULK_BAR_SPACE = 64;
const selectClass = 'h-8 rounded-md border border-line bg-panel px-2 text-xs text-fg-soft outline-none focus:border-accent';

/**
 * `firstScreen`: the first rows of the server's kept list for the URL's view, and the counts the
 * page shows, if the server had the list (lib/format/first-screen.ts). They are shown until the
 * tab's own read of the whole list (made as it mounts) arrives; a different view, or collapsing a
 * project, waits for that read.
 */
export function ContainerList({ firstScreen }: { firstScreen?: ContainerFirstScreen }) {
  const [showSize, setShowSize] = useState(false);
  const list = useContainerList({ size: showSize }, true);
  const engine = useEngineStatus();
  const { run } = useContainerActions();
  const [request, setRequest] = useState<OperationRequest | null>(null);
  const [pruneOpen, setPruneOpen] = useState(false);
  const [committing, setCommitting] = useState<Target | null>(null);
  const search = useRef<HTMLInputElement>(null);

  // `leaving` is set when Enter on a single match navigates away.
  const { view, setView, leaving } = useUrlView(viewFromParams, viewToParams);

  useSlashFocus(search);

  const all = useMemo(() => list.data ?? [], [list.data]);
  const labelParse = parseLabelFilter(view.label);
  const labelError = labelParse.ok ? null : labelParse.error;
  const rows = useMemo(() => applyView(all, view), [all, view]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  // Until the whole list is here: the server's first screen, for the view it was cut for.
  const first = !list.data && firstScreen && collapsed.size === 0 && sameView(view, firstScreen.view) ? firstScreen : undefined;
  const counts = useMemo(() => first?.counts ?? countByStatus(all), [all, first]);
  const projects = useMemo(() => first?.projects ?? composeProjects(all), [all, first]);
  const items = useMemo(() => first?.items ?? listItems(rows, view.group, collapsed), [first, rows, view.group, collapsed]);
  const total = first?.total ?? all.length;
  const rowCount = first?.rowCount ?? rows.length;
  const known = useMemo(() => (first ? first.items.flatMap((it) => (it.kind === 'container' ? [it.container] : [])) : all), [first, all]);
  // Shift-click ranges run over the rows as shown (grouped, collapsed groups left out).
  const order = useMemo(() => items.flatMap((it) => (it.kind === 'container' ? [it.container.id] : [])), [items]);
  const { selected, setSelected, toggle, toggleAll: toggleAllOf } = useRowSelection(list.data, order);
  const selection = known.filter((c) => selected.has(c.id));
  const selectedRows: Target[] = selection.map((c) => ({ id: c.id, name: c.name }));
  const bulk = applicableTargets(selection);
  // While the engine is unreachable the rows are what it said last: shown, dimmed, not actionable.
  const { down: stale, offTitle } = useEngineDown();
  const demoNames = useMemo(() => all.filter((c) => isDemoContainer(c.labels)).map((c) => c.name), [all]);

  const onSort = (k: SortKey) => setView({ sort: k, dir: view.sort === k && view.dir === 'desc' ? 'asc' : view.sort === k ? 'desc' : k === 'created' ? 'desc' : 'asc' });
  const runBulk = (op: BulkOperation, targets: Target[]) => {
    if (op === 'start' || op === 'pause' || op === 'unpause') void run(targets, { kind: 'action', action: { action: op } });
    else setRequest({ name: op, targets });
  };
  const onSearchKey = useOpenSingleMatch(rows, (c) => hrefForEngine(`/containers/${encodeURIComponent(c.name)}`), leaving);
  const toggleAll = () => toggleAllOf(rows.map((r) => r.id));

  return (
    <div className="flex h-full flex-col">
      <header className="flex flex-wrap items-center gap-3 border-b border-line px-4 py-3">
        <h1 className="mr-2 text-lg font-semibold">Containers</h1>
        <Link href="/containers/new" className="inline-flex h-8 items-center rounded-md bg-accent px-3 text-sm font-medium text-accent-fg hover:bg-accent-hover">
          + New container
        </Link>
        <div role="group" aria-label="Filter by status" className="flex rounded-md border border-line bg-panel p-0.5">
          {statusFilters.map((f) => (
            <button
              key={f}
              type="button"
              aria-pressed={view.status === f}
              className={`rounded px-2.5 py-1 text-xs ${view.status === f ? 'bg-raised text-fg' : 'text-muted hover:text-fg'}`}
              onClick={() => setView({ status: f })}
            >
              {statusLabel[f]} <span className="text-muted">{list.data || first ? counts[f] : ''}</span>
            </button>
          ))}
        </div>
        <input
          ref={search}
          type="search"
          aria-label="Search containers by name, image, id, label, port or Compose project"
          placeholder="Search name, image, port…"
          value={view.q}
          onChange={(e) => setView({ q: e.target.value })}
          onKeyDown={onSearchKey}
          className="h-8 w-60 max-w-full rounded-md border border-line bg-panel px-3 text-sm outline-none focus:border-accent"
        />
        <input
          type="text"
          aria-label="Filter by label (key or key=value, as docker ps --filter label=)"
          aria-invalid={labelError ? true : undefined}
          aria-describedby={labelError ? 'label-filter-error' : undefined}
          placeholder="label key[=value]"
          value={view.label}
          onChange={(e) => setView({ label: e.target.value })}
          className={`h-8 w-44 max-w-full rounded-md border bg-panel px-3 font-mono text-xs outline-none focus:border-accent ${labelError ? 'border-danger' : 'border-line'}`}
          data-testid="label-filter"
        />
        {labelError && (
          <span id="label-filter-error" role="alert" className="text-xs text-danger">
            {labelError}
          </span>
        )}
        <select aria-label="Filter by health" value={view.health} onChange={(e) => setView({ health: e.target.value as ListView['health'] })} className={selectClass}>
          {healthFilters.map((h) => (
            <option key={h} value={h}>
              {healthLabel[h]}
            </option>
          ))}
        </select>
        {(projects.length > 0 || view.project) && (
          <select aria-label="Filter by Compose project" value={view.project} onChange={(e) => setView({ project: e.target.value })} className={selectClass} data-testid="project-filter">
            <option value="">All projects</option>
            {[...new Set([...projects, ...(view.project ? [view.project] : [])])].map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        )}
        <label className="flex items-center gap-1.5 text-xs text-fg-soft">
          <input type="checkbox" checked={view.group} onChange={(e) => setView({ group: e.target.checked })} />
          Group by project
        </label>
        <label className="flex items-center gap-1.5 text-xs text-fg-soft">
          <input type="checkbox" checked={view.latest} onChange={(e) => setView({ latest: e.target.checked })} />
          Latest created only
        </label>
        <label className="flex items-center gap-1.5 text-xs text-fg-soft" title="Asks the engine to measure every container's read-write layer (docker ps -s); slower on big hosts.">
          <input type="checkbox" checked={showSize} onChange={(e) => setShowSize(e.target.checked)} />
          Show sizes
          {showSize && list.isFetching && <Spinner label="Measuring sizes" />}
        </label>
        <div className="ml-auto flex gap-2">
          {engine?.readOnly === false && <RemoveDemoButton names={demoNames} />}
          <Button onClick={() => setPruneOpen(true)} disabled={stale} title={offTitle}>
            Prune stopped…
          </Button>
        </div>
      </header>

      <ListStates
        noun="container"
        loading={list.isPending && !first}
        error={list.data ? null : list.error}
        onRetry={() => void list.refetch()}
        hint={
          <>
            Start Docker, or point <code className="font-mono">DOCKER_HOST</code> at an engine and restart Dockside.
          </>
        }
        stale={stale}
        staleNote={{ testId: 'stale-note', words: 'these rows are the last known state' }}
        endpoint={engine?.endpoint}
        total={total}
        shown={rowCount}
        empty={
          <EmptyState title="No containers yet">
            This engine{engine?.endpoint ? ` (${engine.endpoint})` : ''} has no containers. Create one with <code className="font-mono">docker run</code> and it appears here at once.
          </EmptyState>
        }
        noMatch={{ because: 'this filter', clearLabel: 'Clear filters', onClear: () => setView({ status: 'all', q: '', latest: false, health: 'any', project: '', label: '' }) }}
      >
        <div className="relative flex min-h-0 flex-1 flex-col">
          <ContainerTable
            items={items}
            itemCount={first?.itemCount}
            rowCount={first?.rowCount}
            partial={!!first}
            view={view}
            onSort={onSort}
            selected={selected}
            onToggle={toggle}
            onToggleAll={toggleAll}
            allSelected={rows.length > 0 && rows.every((r) => selected.has(r.id))}
            showSize={showSize}
            onRequest={setRequest}
            onCommit={setCommitting}
            onToggleProject={(p) =>
              setCollapsed((c) => {
                const n = new Set(c);
                if (n.has(p)) n.delete(p);
                else n.add(p);
                return n;
              })
            }
            onProjectOp={(_p, op, targets) => runBulk(op, targets)}
            onOnlyProject={(p) => setView({ project: p })}
            stale={stale}
            bottomPad={BULK_BAR_SPACE}
          />
          {selectedRows.length > 0 && (
            // Floats over the list (which keeps room for it at the end), so ticking a box never moves the rows.
            <div
              role="toolbar"
              aria-label="Bulk actions"
              className="absolute inset-x-2 bottom-2 z-30 flex flex-wrap items-center gap-2 rounded-lg border border-line bg-raised px-3 py-2 text-sm shadow-xl sm:inset-x-auto sm:left-1/2 sm:-translate-x-1/2"
            >
              <span className="mr-1 font-medium">{countNoun(selectedRows.length)} selected</span>
              {stale ? (
                <span className="text-xs text-muted">Actions are off while the engine is unreachable.</span>
              ) : (
                [...bulk.entries()].map(([op, targets]) => (
                  <Button key={op} size="sm" variant={op === 'kill' || op === 'remove' ? 'danger' : 'secondary'} onClick={() => runBulk(op, targets)} title={targets.length < selectedRows.length ? `Applies to ${countNoun(targets.length)} of the selection` : undefined}>
                    {bulkIcons[op] && <span aria-hidden>{bulkIcons[op]}</span>}
                    {operationWords[op].verb}
                    {targets.length < selectedRows.length ? ` ${targets.length}` : ''}
                    {op === 'start' || op === 'pause' || op === 'unpause' ? '' : '…'}
                  </Button>
                ))
              )}
              <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
                Clear selection
              </Button>
            </div>
          )}
        </div>
      </ListStates>

      {request && (
        <LazyOperationDialog
          key={`${request.name}:${request.targets.map((t) => t.id).join(',')}`}
          request={request}
          onClose={() => setRequest(null)}
          onDone={(op, okIds) => op === 'remove' && setSelected((s) => new Set([...s].filter((id) => !okIds.includes(id))))}
        />
      )}
      <PruneDialog open={pruneOpen} onClose={() => setPruneOpen(false)} />
      {committing && <LazyCommitDialog container={committing} onClose={() => setCommitting(null)} />}
    </div>
  );
}
