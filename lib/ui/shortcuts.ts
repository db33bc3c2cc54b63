/**
 * The keyboard shortcuts the `?` list shows, in one place. A page that adds a shortcut adds a
 * line here (with `where` saying on which page it works), so the list never lies.
 */
export interface Shortcut {
  keys: string[];
  does: string;
  where: string;
}

export const shortcuts: Shortcut[] = [
  { keys: ['Ctrl', 'K'], does: 'Open the command palette: go to any page or container, run an action', where: 'Everywhere' },
  { keys: ['?'], does: 'Show this list', where: 'Everywhere' },
  { keys: ['Tab'], does: 'The first Tab on a page offers “Skip to main content”', where: 'Everywhere' },
  { keys: ['Esc'], does: 'Close a dialog, menu or the palette (focus returns to what opened it)', where: 'Everywhere' },
  { keys: ['/'], does: 'Focus the search box', where: 'Containers, Images, Volumes, Networks' },
  { keys: ['Enter'], does: 'In the search box: open the container or image when exactly one matches', where: 'Containers, Images' },
  { keys: ['Shift', 'click'], does: 'Select every row between the last ticked one and this one', where: 'Containers, Images' },
  { keys: ['Ctrl', 'F'], does: 'Search the whole log buffer', where: 'Logs' },
  { keys: ['Enter'], does: 'Next match (Shift+Enter: previous)', where: 'Logs search' },
  { keys: ['Ctrl', ']', 'Tab'], does: 'Leave the terminal (Shift+Tab goes back); Ctrl+] twice sends Ctrl+]', where: 'Terminal' },
  { keys: ['Ctrl', 'Shift', 'C'], does: 'Copy the selection (Ctrl+Shift+V pastes)', where: 'Terminal' },
];

/** True when a key event should be left to the element that has focus (typing in a field, a terminal). */
export function isTypingTarget(el: EventTarget | null): boolean {
  if (!el || typeof (el as Element).closest !== 'function') return false;
  const e = el as HTMLElement;
  return e.isContentEditable || !!e.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], .xterm');
}
