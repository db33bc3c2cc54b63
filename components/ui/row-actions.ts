/**
 * The row actions of a table that lives in a CSS container (`@container` on its scroll box): side by
 * side where there is room, stacked under each other when the table is narrow, so they keep to the
 * right edge inside the screen while the name beside them wraps (issue 18, "any window size").
 */
export const rowActions = 'flex flex-col items-end gap-1 @lg:flex-row @lg:justify-end @lg:whitespace-nowrap';
