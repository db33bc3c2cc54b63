'use client';
import { useEffect, type RefObject } from 'react';
import { isTypingTarget } from '@/lib/ui/shortcuts';

/** "/" focuses a list's search box, as in most dashboards; not while typing in a field or a terminal. */
export function useSlashFocus(search: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      e.preventDefault();
      search.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [search]);
}
