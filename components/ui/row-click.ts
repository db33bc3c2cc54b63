/**
 * Whether a click on a clickable row (a list's row that opens what it shows) should open it: not
 * when it landed on something that does its own thing (a link, a button, a checkbox, a menu), nor
 * when it ended a text selection (copying a name out of a row must not navigate).
 */
export function rowClickOpens(e: { target: EventTarget | null }): boolean {
  if (e.target instanceof Element && e.target.closest('a, button, input, label, select, textarea, [role=menu]')) return false;
  return !window.getSelection()?.toString();
}
