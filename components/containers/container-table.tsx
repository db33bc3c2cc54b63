'use client';
import { useVirtualizer } from '@tanstack/react-virtual';
import Link from 'next/link';
import { useRef } from 'react';
import { CopyButton } from '@/components/ui/copy-button';
import { ariaSort, SortButton } from '@/components/ui/sort-button';
import { formatBytes } from '@/lib/format/bytes';
import type { ListView, SortKey } from '@/lib/format/container-filter';
import { shortId } from '@/lib/format/ports';
import { timeAgo } from '@/lib/format/time';
import type { ContainerSummary } from '@/lib/protocol/containers';
import { isDemoContainer } from '@/lib/protocol/demo';
import { ContainerActions } from './container-actions';
import { DemoChip } from './demo';
import type { OperationRequest } from './operation-dialog';
import { PortLinks } from './port-links';
import { HealthBadge, StateBadge } from './state-badge';

const ROW_HEIGHT = 52;

// Minimums sized so every column, sizes included, fits beside the sidebar in a 1280 px window;
// names, images and commands truncate (with the full text in a tooltip) rather than push actions off.
function columns(showSize: boolean): string {
  return `2.25rem minmax(10rem,2fr) minmax(8rem,1.5fr) minmax(9.5rem,1.4fr) minmax(7rem,1fr) 8rem ${showSize ? '7rem ' : ''}8.5rem`;
}

function SortHeader({ label, k, view, onSort }: { label: string; k: SortKey; view: ListView; onSort: (k: SortKey) => void }) {
  const active = view.sort === k;
  return (
    <div role="columnheader" aria-sort={ariaSort(active, view.dir)}>
      <SortButton label={label} active={active} dir={view.dir} onClick={() => onSort(k)} />
    </div>
  );
}

/**
 * The container list, virtualised: only the rows in view are in the DOM, so a thousand containers
 * scroll as smoothly as ten.
 */
export function ContainerTable({
  rows,
  view,
  onSort,
  selected,
  onToggle,
  onToggleAll,
  showSize,
  onRequest,
}: {
  rows: ContainerSummary[];
  view: ListView;
  onSort: (k: SortKey) => void;
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onToggleAll: () => void;
  showSize: boolean;
  onRequest: (r: OperationRequest) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const grid = columns(showSize);
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const now = Date.now();

  return (
    <div role="table" aria-label="Containers" aria-rowcount={rows.length + 1} className="flex min-h-0 flex-1 flex-col">
      <div role="rowgroup" className="border-b border-line bg-panel text-xs font-medium tracking-wide text-muted uppercase">
        <div role="row" className="grid items-center gap-3 px-4 py-2" style={{ gridTemplateColumns: grid }}>
          <div role="columnheader">
            <input type="checkbox" aria-label="Select all shown containers" checked={allSelected} onChange={onToggleAll} />
          </div>
          <SortHeader label="Name" k="name" view={view} onSort={onSort} />
          <SortHeader label="Image" k="image" view={view} onSort={onSort} />
          <SortHeader label="Status" k="status" view={view} onSort={onSort} />
          <SortHeader label="Ports" k="ports" view={view} onSort={onSort} />
          <SortHeader label="Created" k="created" view={view} onSort={onSort} />
          {showSize && <div role="columnheader">Size (rw)</div>}
          <div role="columnheader" className="text-right">
            Actions
          </div>
        </div>
      </div>
      <div ref={scrollRef} role="rowgroup" className="min-h-0 flex-1 overflow-auto" data-testid="container-rows">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const c = rows[item.index]!;
            const isSel = selected.has(c.id);
            return (
              <div
                key={c.id}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={isSel}
                data-container-id={c.id}
                data-container-name={c.name}
                className={`absolute inset-x-0 grid items-center gap-3 border-b border-line/60 px-4 text-sm focus-within:z-20 ${isSel ? 'bg-accent/10' : 'hover:bg-panel'}`}
                style={{ gridTemplateColumns: grid, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                <div role="cell">
                  <input type="checkbox" aria-label={`Select ${c.name}`} checked={isSel} onChange={() => onToggle(c.id)} />
                </div>
                <div role="cell" className="min-w-0">
                  {/* No prefetch: Next would fetch every row's page as it scrolls into view (hundreds of server renders while scrolling a big list). */}
                  <div className="flex min-w-0 items-center gap-1.5">
                    <Link href={`/containers/${encodeURIComponent(c.name)}`} prefetch={false} className="block truncate font-medium text-slate-100 hover:text-accent hover:underline" title={c.name}>
                      {c.name}
                    </Link>
                    {isDemoContainer(c.labels) && <DemoChip />}
                  </div>
                  <div className="flex items-center gap-1 font-mono text-xs text-muted">
                    {shortId(c.id)}
                    <CopyButton value={c.id} label={`Copy full id of ${c.name}`} />
                  </div>
                </div>
                <div role="cell" className="min-w-0">
                  <div className="truncate" title={c.image}>
                    {c.image}
                  </div>
                  <div className="truncate font-mono text-xs text-muted" title={c.command}>
                    {c.command}
                  </div>
                </div>
                <div role="cell" className="min-w-0">
                  <div className="flex items-center gap-2">
                    <StateBadge state={c.state} />
                    <HealthBadge health={c.health} />
                  </div>
                  <div className="truncate text-xs text-muted" title={c.status}>
                    {c.status}
                  </div>
                </div>
                <div role="cell" className="min-w-0">
                  <PortLinks ports={c.ports} />
                </div>
                <div role="cell" className="text-xs text-muted" title={new Date(c.created * 1000).toLocaleString()}>
                  {timeAgo(c.created, now)}
                </div>
                {showSize && (
                  <div role="cell" className="text-xs text-muted" title={`virtual ${formatBytes(c.sizeRootFs)}`}>
                    {formatBytes(c.sizeRw)}
                  </div>
                )}
                <div role="cell">
                  <ContainerActions target={{ id: c.id, name: c.name }} state={c.state} onRequest={onRequest} />
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
