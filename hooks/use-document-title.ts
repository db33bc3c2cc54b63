'use client';
import { useEffect } from 'react';
import { documentTitle } from '@/lib/ui/page-title';

/**
 * Sets the tab's title from what only the client knows (a container's name behind an id); see
 * lib/ui/page-title.ts. Kept while the page is shown: Next streams the server's metadata into the
 * page and React can write that <title> after this effect has run (seen: a container opened by id
 * went back to "<id> — Dockside"), so a change to the title by anyone else is undone while the URL's
 * path is the one it was set on (after a navigation the title is the next page's to set).
 */
export function useDocumentTitle(title: string | null | undefined): void {
  useEffect(() => {
    if (!title) return;
    const wanted = documentTitle(title);
    const path = location.pathname;
    const keep = () => {
      if (location.pathname !== path) observer.disconnect();
      else if (document.title !== wanted) document.title = wanted;
    };
    const observer = new MutationObserver(keep);
    keep();
    observer.observe(document.head, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [title]);
}
