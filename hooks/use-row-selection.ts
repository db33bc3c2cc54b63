'use client';
import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useRouter } from 'next/navigation';
import { toggleSelection } from '@/lib/ui/selection';

/**
 * A list's ticked rows, as the containers and images lists keep them: `toggle` flips a row, and with
 * Shift every row between the one clicked last and this one in the order shown (`order`);
 * `toggleAll` ticks every row of `ids` (the list's matches), or clears them when all are ticked.
 * Rows that leave the list (`present`, the whole list once it is here: removed elsewhere too) drop
 * out of the selection.
 */
export function useRowSelection(present: readonly { id: string }[] | undefined, order: readonly string[]) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const anchor = useRef<string | null>(null);

  useEffect(() => {
    if (!present) return;
    const ids = new Set(present.map((r) => r.id));
    setSelected((s) => (Array.from(s).every((id) => ids.has(id)) ? s : new Set(Array.from(s).filter((id) => ids.has(id)))));
  }, [present]);

  const toggle = (id: string, range: boolean) => {
    const from = anchor.current;
    setSelected((s) => toggleSelection(s, order, from, id, range));
    anchor.current = id;
  };
  const toggleAll = (ids: readonly string[]) => setSelected((s) => (ids.every((id) => s.has(id)) ? new Set() : new Set(ids)));
  return { selected, setSelected, toggle, toggleAll };
}

/**
 * The search box's Enter: with exactly one match shown, opens it (`hrefOf` its page). `leaving` is
 * the list's URL view's flag (useUrlView), set so the view does not write the search back to the URL
 * on the way out.
 */
export function useOpenSingleMatch<T>(matches: readonly T[], hrefOf: (match: T) => string, leaving: RefObject<boolean>) {
  const router = useRouter();
  return (e: KeyboardEvent<HTMLInputElement>) => {
    const [only] = matches;
    if (e.key === 'Enter' && matches.length === 1 && only !== undefined) {
      leaving.current = true;
      router.push(hrefOf(only));
    }
  };
}
