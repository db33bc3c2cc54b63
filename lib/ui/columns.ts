/**
 * Responsive columns for grid tables: each column says how narrow it may get and how much it
 * matters; when the table is too narrow for all of them, the least important go first (their
 * content can be merged into a neighbour's cell by the caller), and priority-0 columns (the name,
 * the row actions) are never dropped.
 */
export interface ColumnSpec<Id extends string = string> {
  id: Id;
  /** Narrowest useful width, px. */
  min: number;
  /** Share of the spare width (CSS `fr`); 0 or absent = fixed at `min`. */
  grow?: number;
  /** 0 = always shown; higher numbers are dropped first. */
  priority: number;
}

/** The columns that fit in `width` px (gaps between columns included), in their original order. */
export function fitColumns<Id extends string>(columns: readonly ColumnSpec<Id>[], width: number, gap: number): ColumnSpec<Id>[] {
  let shown = [...columns];
  const need = (cs: ColumnSpec<Id>[]) => cs.reduce((s, c) => s + c.min, 0) + gap * Math.max(0, cs.length - 1);
  while (need(shown) > width) {
    let drop: ColumnSpec<Id> | undefined;
    for (const c of shown) if (c.priority > 0 && (!drop || c.priority >= drop.priority)) drop = c;
    if (!drop) break;
    shown = shown.filter((c) => c !== drop);
  }
  return shown;
}

/** The CSS grid-template-columns for the columns shown. */
export function gridTemplate(columns: readonly ColumnSpec[]): string {
  return columns.map((c) => (c.grow ? `minmax(${c.min}px,${c.grow}fr)` : `${c.min}px`)).join(' ');
}
