'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { hrefForEngine } from '@/lib/engine-scope';

/** How long typing settles before the URL follows (history is not one entry per keystroke). */
const URL_FOLLOWS_MS = 150;

/**
 * A list page's view (filters, search, sort) kept in state, so every click and keystroke shows at
 * once, with the URL following it a moment later (on the tab's engine). A URL the view did not write
 * is read back into it: back/forward, and a link to the same page with another query (the command
 * palette's `/volumes?q=data` while the volumes page is open). `leaving`: set it when the page
 * navigates away (a row link, Enter on a single match), so a URL update still pending does not pull
 * the page back. `fromParams` / `toParams` are module-level functions (stable), as the effects
 * depend on them.
 */
export function useUrlView<V extends object>(fromParams: (p: URLSearchParams) => V, toParams: (v: V) => URLSearchParams) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const leaving = useRef(false);
  const [view, setViewState] = useState<V>(() => fromParams(new URLSearchParams(params.toString())));
  const setView = useCallback((patch: Partial<V>) => setViewState((v) => ({ ...v, ...patch })), []);
  // The view's query as the URL last had it from us (or from the page load): a URL that says the same
  // is ours arriving, maybe after more typing, and must not take the view back.
  const written = useRef(toParams(view).toString());

  useEffect(() => {
    const qs = toParams(view).toString();
    const href = hrefForEngine(qs ? `${pathname}?${qs}` : pathname);
    if (href === `${pathname}${window.location.search}`) {
      written.current = qs;
      return;
    }
    const t = setTimeout(() => {
      if (leaving.current) return;
      written.current = qs;
      router.replace(href, { scroll: false });
    }, URL_FOLLOWS_MS);
    return () => clearTimeout(t);
  }, [view, pathname, router, toParams]);
  useEffect(() => {
    const incoming = fromParams(new URLSearchParams(params.toString()));
    const qs = toParams(incoming).toString();
    if (qs === written.current) return;
    written.current = qs;
    setViewState(incoming);
  }, [params, fromParams, toParams]);

  return { view, setView, leaving };
}
