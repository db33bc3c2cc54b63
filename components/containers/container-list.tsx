'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { useContainerActions, type Target } from '@/hooks/use-container-actions';
import { useContainerList } from '@/hooks/use-containers';
import { useEngineStatus } from '@/hooks/use-mux';
import { ApiRequestError } from '@/lib/api-client';
import { countNoun } from '@/lib/format/actions';
import { isDemoContainer } from '@/lib/protocol/demo';
import { applyView, countByStatus, statusFilters, viewFromParams, viewToParams, type ListView, type SortKey } from '@/lib/format/container-filter';
import { ContainerTable } from './container-table';
import { RemoveDemoButton } from './demo';
import { LazyOperationDialog } from './lazy-dialogs';
import type { OperationRequest } from './operation-dialog';
import { PruneDialog } from './prune-dialog';

const isEngineDown = (err: unknown) => err instanceof ApiRequestError && err.code === 'engine_unreachable';

const statusLabel: Record<(typeof statusFilters)[number], string> = { all: 'All', running: 'Running', exited: 'Exited', paused: 'Paused', created: 'Created' };

export function ContainerList() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const [showSize, setShowSize] = useState(false);
  const list = useContainerList({ size: showSize });
  const engine = useEngineStatus();
  const { run } = useContainerActions();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [request, setRequest] = useState<OperationRequest | null>(null);
  const [pruneOpen, setPruneOpen] = useState(false);
  const search = useRef<HTMLInputElement>(null);

  // The view lives in state, so every click and keystroke shows at once; the URL follows it (a
  // moment later for typing, so history is not one entry per keystroke), and back/forward reads it back.
  const [view, setViewState] = useState<ListView>(() => viewFromParams(new URLSearchParams(params.toString())));
  const setView = (patch: Partial<ListView>) => setViewState((v) => ({ ...v, ...patch }));
  useEffect(() => {
    const qs = viewToParams(view).toString();
    if (qs === window.location.search.replace(/^\?/, '')) return;
    const t = setTimeout(() => router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false }), 150);
    return () => clearTimeout(t);
  }, [view, pathname, router]);
  useEffect(() => {
    const onPop = () => setViewState(viewFromParams(new URLSearchParams(window.location.search)));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  // "/" focuses search, as in most dashboards.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement)) {
        e.preventDefault();
        search.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const all = list.data ?? [];
  const rows = useMemo(() => applyView(all, view), [all, view]);
  const counts = useMemo(() => countByStatus(all), [all]);
  const selectedRows: Target[] = all.filter((c) => selected.has(c.id)).map((c) => ({ id: c.id, name: c.name }));
  const demoNames = useMemo(() => all.filter((c) => isDemoContainer(c.labels)).map((c) => c.name), [all]);

  // Selections of containers that disappeared (removed elsewhere) drop out.
  useEffect(() => {
    if (!list.data) return;
    const ids = new Set(list.data.map((c) => c.id));
    setSelected((s) => (Array.from(s).every((id) => ids.has(id)) ? s : new Set(Array.from(s).filter((id) => ids.has(id)))));
  }, [list.data]);

  const onSort = (k: SortKey) => setView({ sort: k, dir: view.sort === k && view.dir === 'desc' ? 'asc' : view.sort === k ? 'desc' : k === 'created' ? 'desc' : 'asc' });
  const toggle = (id: string) => setSelected((s) => {
    const n = new Set(s);
    if (n.has(id)) n.delete(id);
    else n.add(id);
    return n;
  });
  const toggleAll = () => setSelected((s) => (rows.every((r) => s.has(r.id)) ? new Set() : new Set(rows.map((r) => r.id))));

  return (
    <div className="flex h-full flex-col">
      <header className="flex flex-wrap items-center gap-3 border-b border-line px-4 py-3">
        <h1 className="mr-2 text-lg font-semibold">Containers</h1>
        <div role="tablist" aria-label="Filter by status" className="flex rounded-md border border-line bg-panel p-0.5">
          {statusFilters.map((f) => (
            <button
              key={f}
              role="tab"
              type="button"
              aria-selected={view.status === f}
              className={`rounded px-2.5 py-1 text-xs ${view.status === f ? 'bg-raised text-white' : 'text-muted hover:text-slate-100'}`}
              onClick={() => setView({ status: f })}
            >
              {statusLabel[f]} <span className="text-muted">{list.data ? counts[f] : ''}</span>
            </button>
          ))}
        </div>
        <input
          ref={search}
          type="search"
          aria-label="Search containers by name, image or id"
          placeholder="Search name, image or id"
          value={view.q}
          onChange={(e) => setView({ q: e.target.value })}
          className="h-8 w-56 rounded-md border border-line bg-panel px-3 text-sm outline-none focus:border-accent"
        />
        <label className="flex items-center gap-1.5 text-xs text-slate-300">
          <input type="checkbox" checked={view.latest} onChange={(e) => setView({ latest: e.target.checked })} />
          Latest created only
        </label>
        <label className="flex items-center gap-1.5 text-xs text-slate-300" title="Asks the engine to measure every container's read-write layer (docker ps -s); slower on big hosts.">
          <input type="checkbox" checked={showSize} onChange={(e) => setShowSize(e.target.checked)} />
          Show sizes
          {showSize && list.isFetching && <Spinner label="Measuring sizes" />}
        </label>
        <div className="ml-auto flex gap-2">
          {engine?.readOnly === false && <RemoveDemoButton names={demoNames} />}
          <Button onClick={() => setPruneOpen(true)}>Prune stopped…</Button>
        </div>
      </header>

      {selectedRows.length > 0 && (
        <div role="toolbar" aria-label="Bulk actions" className="flex flex-wrap items-center gap-2 border-b border-line bg-accent/10 px-4 py-2 text-sm">
          <span className="mr-2 font-medium">{countNoun(selectedRows.length)} selected</span>
          <Button size="sm" onClick={() => void run(selectedRows, { kind: 'action', action: { action: 'start' } })}>▶ Start</Button>
          <Button size="sm" onClick={() => setRequest({ name: 'stop', targets: selectedRows })}>■ Stop…</Button>
          <Button size="sm" onClick={() => setRequest({ name: 'restart', targets: selectedRows })}>↻ Restart…</Button>
          <Button size="sm" onClick={() => void run(selectedRows, { kind: 'action', action: { action: 'pause' } })}>❚❚ Pause</Button>
          <Button size="sm" onClick={() => void run(selectedRows, { kind: 'action', action: { action: 'unpause' } })}>Resume</Button>
          <Button size="sm" variant="danger" onClick={() => setRequest({ name: 'kill', targets: selectedRows })}>Kill…</Button>
          <Button size="sm" variant="danger" onClick={() => setRequest({ name: 'remove', targets: selectedRows })}>Remove…</Button>
          <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>Clear selection</Button>
        </div>
      )}

      {list.isPending ? (
        <div className="flex items-center gap-2 p-6 text-sm text-muted">
          <Spinner /> Loading containers…
        </div>
      ) : list.error && !list.data ? (
        <EmptyState
          tone="error"
          title={isEngineDown(list.error) ? 'No Docker engine reachable' : 'Could not list containers'}
          action={<Button onClick={() => void list.refetch()}>Try again</Button>}
        >
          {list.error.message}
          {isEngineDown(list.error) && (
            <p className="mt-2">
              Start Docker, or point <code className="font-mono">DOCKER_HOST</code> at an engine and restart Dockside. This page fills in by itself when the engine answers.
            </p>
          )}
        </EmptyState>
      ) : all.length === 0 ? (
        <EmptyState title="No containers yet">
          This engine{engine?.endpoint ? ` (${engine.endpoint})` : ''} has no containers. Create one with <code className="font-mono">docker run</code> and it appears here at once.
        </EmptyState>
      ) : rows.length === 0 ? (
        <EmptyState title="No containers match" action={<Button onClick={() => setView({ status: 'all', q: '', latest: false })}>Clear filters</Button>}>
          {countNoun(all.length)} in total; none match this filter.
        </EmptyState>
      ) : (
        <ContainerTable rows={rows} view={view} onSort={onSort} selected={selected} onToggle={toggle} onToggleAll={toggleAll} showSize={showSize} onRequest={setRequest} />
      )}

      {request && (
        <LazyOperationDialog
          key={`${request.name}:${request.targets.map((t) => t.id).join(',')}`}
          request={request}
          onClose={() => setRequest(null)}
          onDone={(op, okIds) => op === 'remove' && setSelected((s) => new Set([...s].filter((id) => !okIds.includes(id))))}
        />
      )}
      <PruneDialog open={pruneOpen} onClose={() => setPruneOpen(false)} />
    </div>
  );
}
