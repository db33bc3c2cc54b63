'use client';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { ContainerActions } from '@/components/containers/container-actions';
import { LazyOperationDialog } from '@/components/containers/lazy-dialogs';
import type { OperationRequest } from '@/components/containers/operation-dialog';
import { HealthBadge, StateBadge } from '@/components/containers/state-badge';
import { ContainerRunButtons } from '@/components/run/container-run-buttons';
import { CopyButton } from '@/components/ui/copy-button';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { useContainer } from '@/hooks/use-containers';
import { shortId } from '@/lib/format/ports';

export const detailTabs = [
  { slug: '', label: 'Overview' },
  { slug: 'logs', label: 'Logs' },
  { slug: 'stats', label: 'Stats' },
  { slug: 'terminal', label: 'Terminal' },
  { slug: 'processes', label: 'Processes' },
  { slug: 'inspect', label: 'Inspect' },
] as const;

/** Name, state, actions and tabs for one container; the tab's content goes below. */
export function ContainerFrame({ id, children }: { id: string; children: ReactNode }) {
  const q = useContainer(id);
  const path = usePathname();
  const router = useRouter();
  const [request, setRequest] = useState<OperationRequest | null>(null);
  const base = `/containers/${encodeURIComponent(id)}`;

  if (q.isPending) {
    return (
      <div className="flex items-center gap-2 p-6 text-sm text-muted">
        <Spinner /> Loading container…
      </div>
    );
  }
  if (q.error && !q.data) {
    const gone = (q.error as { status?: number }).status === 404;
    return (
      <EmptyState tone={gone ? 'neutral' : 'error'} title={gone ? 'This container no longer exists' : 'Could not load this container'} action={<Link href="/containers" className="text-sm text-accent hover:underline">Back to containers</Link>}>
        {gone ? `No container named or with id "${id}" on this engine. It may have been removed.` : q.error.message}
      </EmptyState>
    );
  }
  const c = q.data.container;
  return (
    <div className="flex h-full flex-col">
      <header className="border-b border-line px-6 pt-4">
        <nav aria-label="Breadcrumb" className="text-xs text-muted">
          <Link href="/containers" className="hover:text-slate-100">
            Containers
          </Link>{' '}
          / {c.name}
        </nav>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-xl font-semibold break-all">{c.name}</h1>
          <StateBadge state={c.state.status} />
          <HealthBadge health={c.state.health} />
          <span className="flex items-center font-mono text-xs text-muted">
            {shortId(c.id)}
            <CopyButton value={c.id} label="Copy full container id" />
          </span>
          <ContainerRunButtons id={c.id} />
          <div className="ml-auto">
            <ContainerActions layout="toolbar" target={{ id: c.id, name: c.name }} state={c.state.status} onRequest={setRequest} />
          </div>
        </div>
        {q.error && (
          <p role="alert" className="mt-2 text-xs text-amber-300">
            Showing the last known state: {q.error.message}
          </p>
        )}
        <nav aria-label="Container sections" className="mt-4 flex gap-1">
          {detailTabs.map((t) => {
            const href = t.slug ? `${base}/${t.slug}` : base;
            const active = t.slug ? path.endsWith(`/${t.slug}`) : path === base || path === `/containers/${id}`;
            return (
              <Link key={t.slug} href={href} aria-current={active ? 'page' : undefined} className={`border-b-2 px-3 py-2 text-sm ${active ? 'border-accent text-white' : 'border-transparent text-muted hover:text-slate-100'}`}>
                {t.label}
              </Link>
            );
          })}
        </nav>
      </header>
      <div className="min-h-0 flex-1 overflow-auto">{children}</div>
      {request && (
        <LazyOperationDialog
          key={request.name}
          request={request}
          onClose={() => setRequest(null)}
          onDone={(op, okIds) => {
            if (op === 'remove' && okIds.length) router.push('/containers');
            // A rename breaks a URL that used the old name; the id never changes.
            if (op === 'rename' && okIds.length) router.replace(`/containers/${c.id}${path.slice(base.length)}`);
          }}
        />
      )}
    </div>
  );
}
