'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { EmptyState } from '@/components/ui/empty-state';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { pageTitle } from '@/lib/ui/page-title';

/** What an unknown path shows: which path, and the way to somewhere real. */
export function NotFoundPanel() {
  const path = usePathname();
  useDocumentTitle(pageTitle('Page not found'));
  return (
    <>
      <EmptyState
      title="Page not found"
      action={
        <Link href="/containers" className="text-sm text-accent hover:underline">
          Go to containers
        </Link>
      }
    >
      Dockside has no page at <code className="font-mono break-all">{path}</code>. Use the sidebar or press <kbd className="font-mono">Ctrl+K</kbd> to find what you were looking for.
    </EmptyState>
    </>
  );
}
