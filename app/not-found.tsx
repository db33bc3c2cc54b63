import type { Metadata } from 'next';
import { AppShell } from '@/components/shell/app-shell';
import { NotFoundPanel } from '@/components/shell/not-found-panel';
import { Providers } from './providers';

/**
 * Any path no page claims: Dockside's own not-found page, inside the shell. (Not a catch-all
 * route: a page matching every path would also match `/ws`, and Next's own upgrade handler would
 * then take the WebSocket away from Dockside's.)
 */
export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <Providers>
      <AppShell>
        <NotFoundPanel />
      </AppShell>
    </Providers>
  );
}
