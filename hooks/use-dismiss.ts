'use client';
import { useEffect, useRef, type RefObject } from 'react';

/**
 * A popup opened by a toggle button (the sidebar drawer, the notifications panel, the engine
 * switcher): while `open`, Escape closes it and gives focus back to the toggle; with `inside`, a
 * mouse press anywhere outside those elements (and the toggle) closes it too.
 */
export function useDismiss(open: boolean, close: () => void, toggle: RefObject<HTMLElement | null>, inside?: RefObject<HTMLElement | null>): void {
  // The latest close, without re-adding the listeners on every render.
  const closeRef = useRef(close);
  closeRef.current = close;
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      closeRef.current();
      toggle.current?.focus();
    };
    const onDown = (e: MouseEvent) => {
      const target = e.target as Node;
      if (!inside?.current?.contains(target) && !toggle.current?.contains(target)) closeRef.current();
    };
    window.addEventListener('keydown', onKey);
    if (inside) document.addEventListener('mousedown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onDown);
    };
  }, [open, toggle, inside]);
}
