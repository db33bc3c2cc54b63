'use client';
import { useVirtualizer } from '@tanstack/react-virtual';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef, type MouseEvent } from 'react';
import { CopyButton } from '@/components/ui/copy-button';
import { BlankRow, CreatedCell, UNMEASURED_RECT, useFittedColumns, useOverscanAfterPaint, VirtualTable } from '@/components/ui/data-table';
import { Menu } from '@/components/ui/menu';
import { rowClickOpens } from '@/components/ui/row-click';
import { SortHeader } from '@/components/ui/sort-button';
import type { Target } from '@/hooks/use-container-actions';
import { operationWords } from '@/lib/format/actions';
import { formatBytes } from '@/lib/format/bytes';
import { applicableTargets, composeService, describeCounts, projectSize, type BulkOperation, type ListItem } from '@/lib/format/compose';
import type { ListView, SortKey } from '@/lib/format/container-filter';
import { shortId } from '@/lib/format/ports';
import type { ColumnSpec } from '@/lib/ui/columns';
import type { ContainerSummary } from '@/lib/protocol/containers';
import { isDemoContainer } from '@/lib/protocol/demo';
import { ContainerActions } from './container-actions';
import { DemoChip } from './demo';
import type { OperationRequest } from './operation-dialog';
import { PortLinks } from './port-links';
import { HealthBadge, StateBadge } from './state-badge';
import { hrefForEngine } from '@/lib/engine-scope';

const ROW_HEIGHT = 52;
const PROJECT_HEIGHT = 40;
/** Below this table width the row actions keep one button and put the rest in their menu. */
const COMPACT_BELOW = 700;

type Col = 'select' | 'name' | 'image' | 'status' | 'ports' | 'created' | 'size' | 'actions';

// What goes first as the table narrows: size, created, ports, image, then status (whose badge then
// sits beside the name). The name and the actions never go.
function columnSpecs(showSize: boolean, compact: boolean): ColumnSpec<Col>[] {
  return [
    { id: 'select', min: 24, priority: 0 },
    { id: 'name', min: 140, grow: 2, priority: 0 },
    { id: 'image', min: 128, grow: 1.5, priority: 3 },
    { id: 'status', min: 150, grow: 1.2, priority: 1 },
    { id: 'ports', min: 112, grow: 1, priority: 4 },
    { id: 'created', min: 96, priority: 5 },
    ...(showSize ? [{ id: 'size' as const, min: 96, priority: 6 }] : []),
    { id: 'actions', min: compact ? 64 : 184, priority: 0 },
  ];
}

const projectOps: BulkOperation[] = ['start', 'stop', 'restart', 'remove'];

/**
 * The container list, virtualised (only the rows in view are in the DOM, so a thousand containers
 * scroll as smoothly as ten), with Compose projects as collapsible group rows. Columns fit the
 * width (useFittedColumns): the actions are always inside the viewport. A whole row opens its
 * container; shift-click on a checkbox selects the range. `stale` (engine unreachable) dims every
 * row as "last known" and disables its actions. `partial`: `items` are the first of `itemCount`
 * (the server's first screen, lib/format/first-screen.ts): rows past them are blank until the whole
 * list arrives, and what needs the whole list (select all, a project's actions) waits for it.
 */
export function ContainerTable({
  items,
  itemCount = items.length,
  rowCount,
  partial = false,
  view,
  onSort,
  selected,
  onToggle,
  onToggleAll,
  allSelected,
  showSize,
  onRequest,
  onCommit,
  onToggleProject,
  onProjectOp,
  onOnlyProject,
  stale,
  bottomPad,
}: {
  items: ListItem[];
  itemCount?: number;
  /** With `partial`: how many containers the whole list shows (for the table's row count). */
  rowCount?: number;
  partial?: boolean;
  view: ListView;
  onSort: (k: SortKey) => void;
  selected: ReadonlySet<string>;
  onToggle: (id: string, range: boolean) => void;
  onToggleAll: () => void;
  allSelected: boolean;
  showSize: boolean;
  onRequest: (r: OperationRequest) => void;
  onCommit?: (t: { id: string; name: string }) => void;
  onToggleProject: (project: string) => void;
  onProjectOp: (project: string, op: BulkOperation, targets: Target[]) => void;
  onOnlyProject: (project: string) => void;
  stale: boolean;
  bottomPad: number;
}) {
  const router = useRouter();
  const scrollRef = useRef<HTMLDivElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const { shown, template, width } = useFittedColumns(boxRef, (w) => columnSpecs(showSize, w < COMPACT_BELOW));
  const compact = width < COMPACT_BELOW;
  const overscan = useOverscanAfterPaint(12);
  const virtualizer = useVirtualizer({
    count: itemCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (items[i]?.kind === 'project' ? PROJECT_HEIGHT : ROW_HEIGHT),
    getItemKey: (i) => {
      const it = items[i];
      return !it ? `blank:${i}` : it.kind === 'project' ? `p:${it.project}` : it.container.id;
    },
    overscan,
    paddingEnd: bottomPad,
    initialRect: UNMEASURED_RECT,
  });
  const now = Date.now();
  const containerCount = partial ? rowCount! : items.reduce((n, it) => n + (it.kind === 'container' ? 1 : 0), 0);

  const openRow = (e: MouseEvent, c: ContainerSummary) => {
    if (!rowClickOpens(e)) return;
    router.push(hrefForEngine(`/containers/${encodeURIComponent(c.name)}`));
  };

  return (
    <VirtualTable
      label="Containers"
      rowCount={containerCount}
      boxRef={boxRef}
      scrollRef={scrollRef}
      template={template}
      selectAll={{ label: 'Select all shown containers', checked: allSelected, onChange: onToggleAll, disabled: partial }}
      headers={
        <>
          <SortHeader label="Name" k="name" view={view} onSort={onSort} />
          {shown.has('image') && <SortHeader label="Image" k="image" view={view} onSort={onSort} />}
          {shown.has('status') && <SortHeader label="Status" k="status" view={view} onSort={onSort} />}
          {shown.has('ports') && <SortHeader label="Ports" k="ports" view={view} onSort={onSort} />}
          {shown.has('created') && <SortHeader label="Created" k="created" view={view} onSort={onSort} />}
          {shown.has('size') && <div role="columnheader">Size (rw)</div>}
        </>
      }
      rowsTestId="container-rows"
      totalSize={virtualizer.getTotalSize()}
      stale={stale}
    >
      {virtualizer.getVirtualItems().map((v) => {
        const item = items[v.index];
        if (!item) {
          // Past the server's first screen: the whole list is on its way.
          return <BlankRow key={v.key} start={v.start} height={ROW_HEIGHT} />;
        }
        if (item.kind === 'project') {
          const targets = item.containers.map((c) => ({ id: c.id, name: c.name, state: c.state }));
          const ops = applicableTargets(targets);
          return (
            <div
              key={v.key}
              role="row"
              data-project={item.project}
              className="absolute inset-x-0 flex items-center gap-2 border-b border-line bg-panel px-4 text-sm focus-within:z-20"
              style={{ height: PROJECT_HEIGHT, transform: `translateY(${v.start}px)` }}
            >
              <div role="cell" className="flex min-w-0 flex-1 items-center gap-2">
                <button
                  type="button"
                  aria-expanded={!item.collapsed}
                  aria-label={`${item.collapsed ? 'Expand' : 'Collapse'} Compose project ${item.project}`}
                  onClick={() => onToggleProject(item.project)}
                  className="inline-flex h-7 w-7 shrink-0 items-center justify-center rounded-md text-fg-soft hover:bg-raised"
                >
                  <span aria-hidden>{item.collapsed ? '▸' : '▾'}</span>
                </button>
                <span className="truncate font-semibold" title={`Compose project ${item.project}`}>
                  {item.project}
                </span>
                <span className="shrink-0 rounded bg-raised px-1.5 py-0.5 text-xs text-muted">compose</span>
                <span className="truncate text-xs text-muted" data-testid="project-counts">
                  {projectSize(item.counts)} · {describeCounts(item.counts)}
                </span>
              </div>
              <div role="cell" className="flex shrink-0 items-center gap-1">
                {!stale && !partial && (
                  <Menu
                    label={`Actions for Compose project ${item.project}`}
                    buttonClassName="inline-flex h-7 items-center gap-1 rounded-md px-2 text-xs text-fg-soft hover:bg-raised"
                    items={[
                      ...projectOps
                        .filter((op) => ops.has(op))
                        .map((op) => ({
                          label: `${operationWords[op].verb} ${ops.get(op)!.length === 1 ? '1 container' : `${ops.get(op)!.length} containers`}${op === 'start' ? '' : '…'}`,
                          danger: op === 'remove',
                          onSelect: () => onProjectOp(item.project, op, ops.get(op)!.map(({ id, name }) => ({ id, name }))),
                        })),
                      ...(view.project === item.project ? [] : [{ label: 'Show only this project', onSelect: () => onOnlyProject(item.project) }]),
                    ]}
                  >
                    Project <span aria-hidden>▾</span>
                  </Menu>
                )}
              </div>
            </div>
          );
        }
        const c = item.container;
        const isSel = selected.has(c.id);
        const service = composeService(c);
        return (
          <div
            key={v.key}
            role="row"
            tabIndex={-1}
            aria-selected={isSel}
            data-container-id={c.id}
            data-container-name={c.name}
            onClick={(e) => openRow(e, c)}
            className={`absolute inset-x-0 grid cursor-pointer items-center gap-3 border-b border-line/60 px-4 text-sm focus-within:z-20 focus:outline-none focus-visible:ring-2 focus-visible:ring-accent ${isSel ? 'bg-accent/10' : 'hover:bg-panel'} ${stale ? 'opacity-60' : ''}`}
            style={{ gridTemplateColumns: template, height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
          >
            <div role="cell">
              <input
                type="checkbox"
                aria-label={`Select ${c.name}`}
                checked={isSel}
                onChange={() => undefined}
                onClick={(e) => onToggle(c.id, e.shiftKey)}
              />
            </div>
            <div role="cell" className={`min-w-0 ${item.grouped ? 'pl-4' : ''}`}>
              <div className="flex min-w-0 items-center gap-2">
                {/* No prefetch: Next would fetch every row's page as it scrolls into view (hundreds of server renders while scrolling a big list). */}
                <Link href={hrefForEngine(`/containers/${encodeURIComponent(c.name)}`)} prefetch={false} className="block truncate font-medium text-fg hover:text-accent hover:underline" title={c.name}>
                  {c.name}
                </Link>
                {isDemoContainer(c.labels) && <DemoChip />}
                {!shown.has('status') && <StateBadge state={c.state} />}
              </div>
              <div className="flex min-w-0 items-center gap-1 font-mono text-xs text-muted">
                {service && <span className="truncate font-sans" title={`Compose service ${service}`}>{service} ·</span>}
                {shortId(c.id)}
                <CopyButton value={c.id} label={`Copy full id of ${c.name}`} />
                {!shown.has('image') && (
                  <span className="truncate font-sans" title={c.image}>
                    · {c.image}
                  </span>
                )}
              </div>
            </div>
            {shown.has('image') && (
              <div role="cell" className="min-w-0">
                <div className="truncate" title={c.image}>
                  {c.image}
                </div>
                {shown.has('ports') ? (
                  <div className="truncate font-mono text-xs text-muted" title={c.command}>
                    {c.command}
                  </div>
                ) : (
                  <div className="truncate text-xs">
                    <PortLinks ports={c.ports} />
                  </div>
                )}
              </div>
            )}
            {shown.has('status') && (
              <div role="cell" className="min-w-0">
                <div className="flex items-center gap-2">
                  <StateBadge state={c.state} />
                  <HealthBadge health={c.health} />
                </div>
                {/* Empty on a first screen cut from a list older than its words ("Up 3 seconds"): kept a line tall. */}
                <div className="truncate text-xs text-muted" title={c.status || undefined}>
                  {stale ? `last known · ${c.status}` : c.status || '\u00a0'}
                </div>
              </div>
            )}
            {shown.has('ports') && (
              <div role="cell" className="min-w-0">
                <PortLinks ports={c.ports} />
              </div>
            )}
            {shown.has('created') && <CreatedCell created={c.created} now={now} />}
            {shown.has('size') && (
              <div role="cell" className="text-xs text-muted" title={`virtual ${formatBytes(c.sizeRootFs)}`}>
                {formatBytes(c.sizeRw)}
              </div>
            )}
            <div role="cell">
              <ContainerActions target={{ id: c.id, name: c.name }} state={c.state} onRequest={onRequest} onCommit={onCommit} compact={compact} disabled={stale} />
            </div>
          </div>
        );
      })}
    </VirtualTable>
  );
}
