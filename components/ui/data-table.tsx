'use client';
import { useLayoutEffect, useMemo, useState, type ReactNode, type RefObject } from 'react';
import { useAfterNextPaint } from '@/hooks/use-after-next-paint';
import { timeAgo } from '@/lib/format/time';
import { fitColumns, gridTemplate, type ColumnSpec } from '@/lib/ui/columns';

/**
 * Tables.
 *
 * - `DataTable`: a plain scrollable table (processes, audit log, files): header row, monospace body
 *   rows passed as children. The table is a CSS container: a column can leave as it narrows
 *   (TableHeader's className, repeated on its cells).
 * - `useFittedColumns(ref, columns)`: responsive columns for the virtualised grid tables (the
 *   containers and images lists; plain HTML tables do the same with container queries,
 *   responsive-table.ts). Give each column a `min` width and a
 *   `priority` (0 = never dropped: the name and the row actions); as the element at `ref` narrows,
 *   the least important columns drop out, so the actions always stay inside the viewport. Render
 *   a cell only when `shown.has(id)`, and fold a dropped column's content into a neighbour's cell
 *   (e.g. the state badge beside the name) so nothing is lost. Use `template` as the grid's
 *   `gridTemplateColumns` for the header row and every body row. Where the columns themselves depend
 *   on the room (e.g. `compact` row actions), pass a function of the width; `width` is returned too.
 */
export function DataTable({ label, headers, children }: { label: string; headers: readonly (string | TableHeader)[]; children: ReactNode }) {
  return (
    <div className="@container overflow-auto rounded-lg border border-line">
      <table className="w-full text-xs" aria-label={label}>
        <thead className="bg-panel text-left text-muted">
          <tr>
            {headers.map((h, i) => {
              const { text, className = '' } = typeof h === 'string' ? { text: h } : h;
              return (
                <th key={`${i}-${text}`} className={`${className} px-3 py-2 font-medium`}>
                  {text}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="font-mono">{children}</tbody>
      </table>
    </div>
  );
}

/**
 * A DataTable column header with classes of its own, given to its cells too: e.g. `foldBelow.xl.column`
 * (responsive-table.ts) drops the column while the table, a CSS container, is narrower than that.
 */
export interface TableHeader {
  text: string;
  className?: string;
}

/**
 * The size a virtualised table assumes before it can measure (the server render and the first
 * client render, which must match): its rows area in a laptop-sized window, as `useFittedColumns`
 * assumes, so a server-rendered list page arrives with its first screen of rows. In a 1440×900
 * window the list pages' rows area is 695 px high (the header, toolbar and column heads above it
 * take 205 px): 14 rows. It was the window's 900 px (18 rows); the 4 rows below the fold cost the
 * page's first frame ~4 ms (saved copies of /images, 30 interleaved loads), and in a taller window
 * the rows past these come in the frame after the first paint (useOverscanAfterPaint).
 */
export const UNMEASURED_RECT = { width: 1100, height: 700 } as const;

/**
 * A virtualised table's overscan (rows kept rendered past the visible ones, so scrolling finds them
 * ready): none in the server render and the table's first client render (hydration, or its mount),
 * `overscan` once that render's frame has been painted. Rows out of view cost the page's first frame
 * as much as the rows in it (HTML parsed, style, layout, paint) and nobody sees them: a server-
 * rendered list page carried 31 rows, 18 of them in the height it then assumed before measuring
 * (issue 18, "the first screen"; Chromium traces of /images at 1006 images: 880 elements styled
 * before the first paint, 607 with this; UNMEASURED_RECT now assumes 14 rows). The rest come
 * in the frame after, before anyone could scroll to them. That holds since the app's scripts start
 * after the first paint (server/http/chunks-after-paint.ts); before, hydration often ran ahead of it
 * and the overscan came in the first frame anyway (this was taken out once for that, 318755a). With
 * them after the paint: /images ready p50 180 vs 196 ms, hydrated 357 vs 382 ms (40 interleaved loads).
 */
export function useOverscanAfterPaint(overscan: number): number {
  return useAfterNextPaint() ? overscan : 0;
}

/**
 * The frame of a virtualised grid table (the containers and images lists): a header row of
 * `headers` between a select-all box and "Actions", then the scrolling row group, as tall as all its
 * rows (`totalSize`), holding the rows in view (`children`, absolutely placed). `boxRef` is the
 * element useFittedColumns measures, `scrollRef` the virtualizer's scroll element. `rowCount` counts
 * the rows of data, not the header row; `stale` marks it as the engine's last known list.
 */
export function VirtualTable({
  label,
  rowCount,
  boxRef,
  scrollRef,
  template,
  selectAll,
  headers,
  rowsTestId,
  totalSize,
  stale,
  children,
}: {
  label: string;
  rowCount: number;
  boxRef: RefObject<HTMLDivElement | null>;
  scrollRef: RefObject<HTMLDivElement | null>;
  template: string;
  selectAll: { label: string; checked: boolean; onChange: () => void; disabled: boolean };
  headers: ReactNode;
  rowsTestId: string;
  totalSize: number;
  stale: boolean;
  children: ReactNode;
}) {
  return (
    <div ref={boxRef} role="table" aria-label={label} aria-rowcount={rowCount + 1} className="flex min-h-0 flex-1 flex-col" data-stale={stale || undefined}>
      <div role="rowgroup" className="border-b border-line bg-panel text-xs font-medium tracking-wide text-muted uppercase">
        <div role="row" className="grid items-center gap-3 px-4 py-2" style={{ gridTemplateColumns: template }}>
          <div role="columnheader">
            <input type="checkbox" aria-label={selectAll.label} checked={selectAll.checked} onChange={selectAll.onChange} disabled={selectAll.disabled} />
          </div>
          {headers}
          <div role="columnheader" className="text-right">
            Actions
          </div>
        </div>
      </div>
      <div ref={scrollRef} role="rowgroup" className="min-h-0 flex-1 overflow-auto" data-testid={rowsTestId}>
        <div style={{ height: totalSize, position: 'relative' }}>{children}</div>
      </div>
    </div>
  );
}

/** A row past the server's first screen, blank until the whole list arrives (it is on its way). */
export function BlankRow({ start, height }: { start: number; height: number }) {
  return <div aria-hidden className="absolute inset-x-0 border-b border-line/60" style={{ height, transform: `translateY(${start}px)` }} />;
}

/**
 * A row's "Created" cell: how long ago (`created`, epoch seconds, against `now`), the date in full
 * in its tooltip. The server renders the page a moment before the browser hydrates it, so "3 minutes
 * ago" may differ between the two: that difference is expected, not a hydration error.
 */
export function CreatedCell({ created, now }: { created: number; now: number }) {
  return (
    <div role="cell" className="text-xs text-muted" title={new Date(created * 1000).toLocaleString()} suppressHydrationWarning>
      {timeAgo(created, now)}
    </div>
  );
}

export function useFittedColumns<Id extends string>(
  ref: RefObject<HTMLElement | null>,
  /** The columns, or the columns for a measured width (e.g. wider row actions where there is room). */
  columnsFor: readonly ColumnSpec<Id>[] | ((width: number) => readonly ColumnSpec<Id>[]),
  { gap = 12, padding = 32 }: { gap?: number; padding?: number } = {},
): { shown: ReadonlySet<Id>; template: string; width: number } {
  // Before the first measurement (server render), assume a laptop-sized window.
  const [width, setWidth] = useState<number>(UNMEASURED_RECT.width);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  const columns = typeof columnsFor === 'function' ? columnsFor(width) : columnsFor;
  const key = columns.map((c) => `${c.id}:${c.min}:${c.grow ?? 0}:${c.priority}`).join('|');
  return useMemo(() => {
    const fitted = fitColumns(columns, width - padding, gap);
    return { shown: new Set(fitted.map((c) => c.id)), template: gridTemplate(fitted), width };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `columns`
  }, [key, width, gap, padding]);
}
