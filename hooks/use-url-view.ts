'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { hrefForEngine } from '@/lib/engine-scope';

/** How long typing settles before the URL follows (history is not one entry per keystroke). */
const URL_FOLLOWS_MS = 150;

/**
 * A list page's view (filters, search, sort) kept in state, so every click and keystroke shows at
 * once, with the URL following it a moment later (on the tab's engine) and back/forward reading it
 * back. `leaving`: set it when the page navigates away (a row link, Enter on a single match), so a
 * URL update still pending does not pull the page back. `fromParams` / `toParams` are module-level
 * functions (stable), as the effects depend on them.
 */
export function useUrlView<V extends object>(fromParams: (p: URLSearchParams) => V, toParams: (v: V) => URLSearchParams) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const leaving = useRef(false);
  const [view, setViewState] = useState<V>(() => fromParams(new URLSearchParams(params.toString())));
  const setView = useCallback((patch: Partial<V>) => setViewState((v) => ({ ...v, ...patch })), []);

  useEffect(() => {
    const qs = toParams(view).toString();
    const href = hrefForEngine(qs ? `${pathname}?${qs}` : pathname);
    if (href === `${pathname}${window.location.search}`) return;
    const t = setTimeout(() => !leaving.current && router.replace(href, { scroll: false }), URL_FOLLOWS_MS);
    return () => clearTimeout(t);
  }, [view, pathname, router, toParams]);
  useEffect(() => {
    const onPop = () => setViewState(fromParams(new URLSearchParams(window.location.search)));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [fromParams]);

  return { view, setView, leaving };
}
