/**
 * A list row's checkbox clicked: it flips, and with Shift so does every row between the one clicked
 * last (`anchor`) and this one, as the rows are shown (`order`): all to the clicked row's new state,
 * as in a file manager. Without an anchor still shown, Shift changes only this row.
 */
export function toggleSelection(selected: ReadonlySet<string>, order: readonly string[], anchor: string | null, id: string, range: boolean): Set<string> {
  const next = new Set(selected);
  const on = !selected.has(id);
  const from = anchor === null ? -1 : order.indexOf(anchor);
  const to = order.indexOf(id);
  const span = range && from >= 0 && to >= 0 ? order.slice(Math.min(from, to), Math.max(from, to) + 1) : [id];
  for (const x of span) {
    if (on) next.add(x);
    else next.delete(x);
  }
  return next;
}
