'use client';
import { useSyncExternalStore } from 'react';
import type { Theme } from '@/lib/ui/theme';

function subscribe(onChange: () => void) {
  const mo = new MutationObserver(onChange);
  mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => mo.disconnect();
}

/** The theme the page is drawn in now (`<html data-theme>`); re-renders when it switches. For canvas-drawn things (charts, xterm) that cannot use CSS variables directly. */
export function useTheme(): Theme {
  return useSyncExternalStore(
    subscribe,
    () => (document.documentElement.getAttribute('data-theme') === 'light' ? 'light' : 'dark'),
    () => 'dark',
  );
}

/** The current value of a theme token such as `--muted`, or of `var(--muted)`; other strings unchanged. */
export function cssToken(value: string): string {
  const name = /^var\((--[\w-]+)/.exec(value)?.[1] ?? (value.startsWith('--') ? value : null);
  if (!name || typeof document === 'undefined') return value;
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || value;
}
