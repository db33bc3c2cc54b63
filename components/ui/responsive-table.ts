/**
 * Plain HTML tables (volumes, networks, DataTable's) that fit any window (issue 18, "any window
 * size"). Each lives in a CSS container (`@container` on its scroll box, so its own width counts,
 * not the window's, part of which the sidebar takes). The virtualised grid lists do the same with
 * measured widths (useFittedColumns in data-table.tsx).
 */

/** Row actions: side by side where there is room, stacked when the table is narrow, so they keep inside the screen. */
export const rowActions = 'flex flex-col items-end gap-1 @lg:flex-row @lg:justify-end @lg:whitespace-nowrap';

/**
 * A column that leaves while the table is narrower than a container size: `column` goes on its
 * header and cells, `folded` on the copy of its content elsewhere in the row (under the name, or a
 * row of its own), shown exactly while the column is not, so nothing is lost. Spelled out per size:
 * Tailwind finds classes by reading the source, so they cannot be put together at run time.
 */
export const foldBelow = {
  lg: { column: 'hidden @lg:table-cell', folded: '@lg:hidden' },
  xl: { column: 'hidden @xl:table-cell', folded: '@xl:hidden' },
  '2xl': { column: 'hidden @2xl:table-cell', folded: '@2xl:hidden' },
  '3xl': { column: 'hidden @3xl:table-cell', folded: '@3xl:hidden' },
  '4xl': { column: 'hidden @4xl:table-cell', folded: '@4xl:hidden' },
} as const;
