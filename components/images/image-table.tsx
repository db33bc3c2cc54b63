'use client';
import { useVirtualizer } from '@tanstack/react-virtual';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef } from 'react';
import { Button, buttonClasses } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { rowClickOpens } from '@/components/ui/row-click';
import { BlankRow, CreatedCell, UNMEASURED_RECT, useFittedColumns, useOverscanAfterPaint, VirtualTable } from '@/components/ui/data-table';
import { SortHeader } from '@/components/ui/sort-button';
import { imagePathId } from '@/hooks/use-images';
import { formatBytes } from '@/lib/format/bytes';
import { displayTags, imageTitle, shortImageId, type ImageListView, type ImageSortKey } from '@/lib/images/image-filter';
import type { ImageSharing, ImageSummary } from '@/lib/protocol/images';
import type { ColumnSpec } from '@/lib/ui/columns';
import { imageRunRef, runFormHref, runTitle } from '@/lib/ui/run-form-href';
import type { ImageTarget } from './image-dialogs';

const ROW_HEIGHT = 52;
type Col = 'select' | 'tags' | 'id' | 'created' | 'size' | 'unique' | 'shared' | 'used' | 'actions';
/** From this table width on, the row actions start with Run (narrower, it stays one click away on the image's page). */
const RUN_FROM = 640;

// What goes first as the table narrows (as the container list does): shared size, id, created,
// size, "used by", then unique size (what removing it frees, the column people come for). The tags
// and the actions never go, so Tag and Remove are always on screen.
const columnSpecs = (withRun: boolean): ColumnSpec<Col>[] => [
  { id: 'select', min: 24, priority: 0 },
  { id: 'tags', min: 160, grow: 3, priority: 0 },
  { id: 'id', min: 140, priority: 5 },
  { id: 'created', min: 104, priority: 4 },
  { id: 'size', min: 76, priority: 3 },
  { id: 'unique', min: 76, priority: 1 },
  { id: 'shared', min: 76, priority: 6 },
  { id: 'used', min: 64, priority: 2 },
  { id: 'actions', min: withRun ? 180 : 136, priority: 0 },
];

export const kindBadge: Record<ImageSummary['kind'], { text: string; title: string; cls: string } | null> = {
  tagged: null,
  dangling: { text: 'dangling', title: 'No tag and nothing built on it: its tag moved to a newer image. Safe to prune.', cls: 'border-warning/60 text-warning' },
  intermediate: { text: 'intermediate', title: 'A build step other images are built on (docker images -a only). It goes when they do.', cls: 'border-line text-muted' },
};

/**
 * The images list, virtualised like the container list: a thousand rows scroll as ten. A whole row
 * opens its image, as a container's row does; shift-click on a checkbox selects the range. `partial`:
 * `rows` are the first of `rowCount` (the server's first screen, lib/format/first-screen.ts): rows
 * past them are blank until the whole list arrives, and select-all waits for it.
 */
export function ImageTable({
  rows,
  rowCount = rows.length,
  partial = false,
  sharing,
  view,
  onSort,
  selected,
  onToggle,
  onToggleAll,
  onRemove,
  onTag,
  showLabels = false,
  stale = false,
}: {
  rows: ImageSummary[];
  rowCount?: number;
  partial?: boolean;
  sharing: Record<string, ImageSharing> | undefined;
  view: ImageListView;
  onSort: (k: ImageSortKey) => void;
  selected: ReadonlySet<string>;
  onToggle: (id: string, range: boolean) => void;
  onToggleAll: () => void;
  onRemove: (t: ImageTarget) => void;
  onTag: (t: ImageTarget) => void;
  /** Labels under the tags (on demand: they can be long). */
  showLabels?: boolean;
  /** The engine is unreachable: rows are the last known list, dimmed, and their actions are off. */
  stale?: boolean;
}) {
  const router = useRouter();
  const scrollRef = useRef<HTMLDivElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const { shown, template, width } = useFittedColumns(boxRef, (w) => columnSpecs(w >= RUN_FROM));
  const withRun = width >= RUN_FROM;
  const overscan = useOverscanAfterPaint(12);
  const virtualizer = useVirtualizer({ count: rowCount, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan, initialRect: UNMEASURED_RECT });
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const now = Date.now();
  const sizeCell = (v: number | undefined) => (sharing ? formatBytes(v) : '…');

  return (
    <VirtualTable
      label="Images"
      rowCount={rowCount}
      boxRef={boxRef}
      scrollRef={scrollRef}
      template={template}
      selectAll={{ label: 'Select all shown images', checked: allSelected, onChange: onToggleAll, disabled: partial }}
      headers={
        <>
          <SortHeader label="Tags" k="tags" view={view} onSort={onSort} />
          {shown.has('id') && <SortHeader label="Id" k="id" view={view} onSort={onSort} />}
          {shown.has('created') && <SortHeader label="Created" k="created" view={view} onSort={onSort} />}
          {shown.has('size') && <SortHeader label="Size" k="size" view={view} onSort={onSort} title="All its layers, as docker images shows it" />}
          {shown.has('unique') && <SortHeader label="Unique" k="unique" view={view} onSort={onSort} title="What removing it would free: layers no other image uses" />}
          {shown.has('shared') && <SortHeader label="Shared" k="shared" view={view} onSort={onSort} title="Layers other images also use" />}
          {shown.has('used') && <SortHeader label="Used by" k="containers" view={view} onSort={onSort} title="Containers (any state) created from it" />}
        </>
      }
      rowsTestId="image-rows"
      totalSize={virtualizer.getTotalSize()}
      stale={stale}
    >
      {virtualizer.getVirtualItems().map((item) => {
        const img = rows[item.index];
        if (!img) {
          // Past the server's first screen: the whole list is on its way.
          return <BlankRow key={`blank:${item.index}`} start={item.start} height={ROW_HEIGHT} />;
        }
        const tags = displayTags(img);
        const isSel = selected.has(img.id);
        const badge = kindBadge[img.kind];
        const s = sharing?.[img.id];
        const target = { id: img.id, repoTags: img.repoTags };
        const ref = imageRunRef(img);
        // What its actions name it by: its first tag, or "Image <short id>" (several untagged rows are told apart).
        const name = imageTitle(img);
        return (
          <div
            key={img.id}
            role="row"
            aria-rowindex={item.index + 2}
            aria-selected={isSel}
            data-image-id={img.id}
            onClick={(e) => rowClickOpens(e) && router.push(`/images/${imagePathId(img.id)}`)}
            className={`absolute inset-x-0 grid cursor-pointer items-center gap-3 border-b border-line/60 px-4 text-sm focus-within:z-20 ${isSel ? 'bg-accent/10' : 'hover:bg-panel'} ${stale ? 'opacity-60' : ''}`}
            style={{ gridTemplateColumns: template, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
          >
            <div role="cell">
              <input type="checkbox" aria-label={`Select ${tags[0]} ${shortImageId(img.id)}`} checked={isSel} onChange={() => undefined} onClick={(e) => onToggle(img.id, e.shiftKey)} />
            </div>
            <div role="cell" className="min-w-0">
              <Link href={`/images/${imagePathId(img.id)}`} prefetch={false} className="block truncate font-medium text-fg hover:text-accent hover:underline" title={tags.join('\n')}>
                {tags[0]}
              </Link>
              {showLabels && Object.keys(img.labels).length > 0 && (
                <div className="truncate font-mono text-[11px] text-muted" title={Object.entries(img.labels).map(([k, v]) => `${k}=${v}`).join('\n')} data-testid="image-labels">
                  {Object.entries(img.labels)
                    .map(([k, v]) => `${k}=${v}`)
                    .join('  ')}
                </div>
              )}
              <div className={`items-center gap-2 truncate text-xs text-muted ${showLabels && Object.keys(img.labels).length > 0 ? 'hidden' : 'flex'}`}>
                {tags.length > 1 && <span title={tags.slice(1).join('\n')}>+{tags.length - 1} more: {tags.slice(1).join(', ')}</span>}
                {badge && (
                  <span className={`rounded border px-1.5 text-[10px] tracking-wide uppercase ${badge.cls}`} title={badge.title}>
                    {badge.text}
                  </span>
                )}
              </div>
            </div>
            {shown.has('id') && (
              <div role="cell" className="flex items-center font-mono text-xs text-muted">
                {shortImageId(img.id)}
                <CopyButton value={img.id} label={`Copy full id of ${name}`} />
                {img.repoDigests[0] && <CopyButton value={img.repoDigests[0]} label={`Copy digest of ${name}`} />}
              </div>
            )}
            {shown.has('created') && <CreatedCell created={img.created} now={now} />}
            {shown.has('size') && (
              <div role="cell" className="text-xs">
                {formatBytes(img.size)}
              </div>
            )}
            {shown.has('unique') && (
              <div role="cell" className="text-xs" data-testid="unique-size">
                {sizeCell(s?.uniqueSize)}
              </div>
            )}
            {shown.has('shared') && (
              <div role="cell" className="text-xs text-muted">
                {sizeCell(s?.sharedSize)}
              </div>
            )}
            {shown.has('used') && (
              <div role="cell" className="text-xs">
                {img.containers > 0 ? img.containers : <span className="text-muted">—</span>}
              </div>
            )}
            <div role="cell" className="flex justify-end gap-1">
              {withRun && (
                // Opening the form is not an engine action: it stays on while the engine is unreachable, as on the image's page.
                <Link href={runFormHref({ image: ref })} prefetch={false} className={buttonClasses('ghost', 'sm')} aria-label={`Run ${name}`} title={runTitle(ref)}>
                  Run
                </Link>
              )}
              <Button size="sm" variant="ghost" onClick={() => onTag(target)} aria-label={`Tag ${name}`} disabled={stale}>
                Tag
              </Button>
              <Button size="sm" variant="ghost" onClick={() => onRemove(target)} aria-label={`Remove ${name}`} disabled={stale}>
                Remove
              </Button>
            </div>
          </div>
        );
      })}
    </VirtualTable>
  );
}
