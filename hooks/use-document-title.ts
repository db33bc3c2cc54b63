'use client';
import { useEffect } from 'react';
import { documentTitle } from '@/lib/ui/page-title';

/** Sets the tab's title from what only the client knows (a container's name behind an id); see lib/ui/page-title.ts. */
export function useDocumentTitle(title: string | null | undefined): void {
  useEffect(() => {
    if (title) document.title = documentTitle(title);
  }, [title]);
}
