'use client';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { ContainerActions } from '@/components/containers/container-actions';
import { LazyCommitDialog } from '@/components/images/lazy-dialogs';
import { LazyOperationDialog } from '@/components/containers/lazy-dialogs';
import type { OperationRequest } from '@/components/containers/operation-dialog';
import { HealthBadge, StateBadge } from '@/components/containers/state-badge';
import { ContainerRunButtons } from '@/components/run/container-run-buttons';
import { CopyButton } from '@/components/ui/copy-button';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { PageHeader } from '@/components/ui/page-header';
import { useContainer } from '@/hooks/use-containers';
import { useRemovalRecord } from '@/hooks/use-audit';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { describeWho } from '@/lib/format/audit';
import { useEngineStatus } from '@/hooks/use-mux';
import { shortId } from '@/lib/format/ports';
import { pageTitle } from '@/lib/ui/page-title';

export const detailTabs = [
  { slug: '', label: 'Overview' },
  { slug: 'logs', label: 'Logs' },
  { slug: 'stats', label: 'Stats' },
  { slug: 'terminal', label: 'Terminal' },
  { slug: 'processes', label: 'Processes' },
  { slug: 'changes', label: 'Changes' },
  { slug: 'files', label: 'Files' },
  { slug: 'inspect', label: 'Inspect' },
] as const;

/** Name, state, actions and tabs for one container; the tab's content goes below. */
export function ContainerFrame({ id, children }: { id: string; children: ReactNode }) {
  const q = useContainer(id);
  const path = usePathname();
  const router = useRouter();
  const [request, setRequest] = useState<OperationRequest | null>(null);
  const [committing, setCommitting] = useState(false);
  const base = `/containers/${encodeURIComponent(id)}`;
  const engine = useEngineStatus();
  // The container was there and now is not: removed elsewhere (or by another tab) while this page was open.
  const removed = (q.error as { status?: number } | null)?.status === 404 && !!q.data;
  // Who removed it, when the audit log knows (read only once the container is gone).
  const removal = useRemovalRecord(q.data?.container ?? { id, name: id }, removed);
  const section = detailTabs.find((t) => t.slug && path.endsWith(`/${t.slug}`));
  useDocumentTitle(q.data ? pageTitle(q.data.container.name, section?.label) : null);

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
  const stale = engine?.reachable === false;
  return (
    <div className="flex h-full flex-col">
      <PageHeader
        breadcrumb={
          <>
            <Link href="/containers" className="hover:text-fg">
              Containers
            </Link>{' '}
            / {c.name}
          </>
        }
        title={c.name}
        badges={
          <>
            {removed ? (
              <span data-testid="state" data-state="removed" className="inline-flex items-center rounded-full bg-danger/15 px-2 py-0.5 text-xs font-medium text-danger ring-1 ring-danger/40">
                removed
              </span>
            ) : (
              <>
                <StateBadge state={c.state.status} />
                <HealthBadge health={c.state.health} />
              </>
            )}
            <span className="flex items-center font-mono text-xs text-muted">
              {shortId(c.id)}
              <CopyButton value={c.id} label="Copy full container id" />
            </span>
          </>
        }
        actions={
          !removed && (
            <div className="flex flex-wrap items-center gap-2">
              <ContainerRunButtons id={c.id} />
              <ContainerActions layout="toolbar" target={{ id: c.id, name: c.name }} state={c.state.status} onRequest={setRequest} onCommit={() => setCommitting(true)} disabled={stale} />
            </div>
          )
        }
      >
        {removed ? (
          <p role="alert" className="mt-2 text-sm text-danger" data-testid="removed-note">
            {removal ? (
              <>
                This container was removed at {new Date(removal.time).toLocaleTimeString()} by <span title={removal.who}>{describeWho(removal.who)}</span> through Dockside.
              </>
            ) : removal === null ? (
              <>This container was removed outside Dockside (noticed at {new Date(q.errorUpdatedAt).toLocaleTimeString()}).</>
            ) : (
              <>This container was removed (noticed at {new Date(q.errorUpdatedAt).toLocaleTimeString()}); checking the audit log for who removed it…</>
            )}{' '}
            What follows is its last known state. See the{' '}
            <Link href="/audit" className="underline">
              audit log
            </Link>
            , or{' '}
            <Link href="/containers" className="underline">
              go back to the containers
            </Link>
            .
          </p>
        ) : (
          q.error && (
            <p role="alert" className="mt-2 text-xs text-warning">
              Showing the last known state: {q.error.message}
            </p>
          )
        )}
        <nav aria-label="Container sections" className="mt-4 flex gap-1 overflow-x-auto">
          {detailTabs.map((t) => {
            const href = t.slug ? `${base}/${t.slug}` : base;
            const active = t.slug ? path.endsWith(`/${t.slug}`) : path === base || path === `/containers/${id}`;
            return (
              <Link key={t.slug} href={href} aria-current={active ? 'page' : undefined} className={`shrink-0 border-b-2 px-3 py-2 text-sm ${active ? 'border-accent text-fg' : 'border-transparent text-muted hover:text-fg'}`}>
                {t.label}
              </Link>
            );
          })}
        </nav>
      </PageHeader>
      {/* Focusable, so the section scrolls by keyboard even when it holds nothing focusable (stats). */}
      <div role="region" aria-label={`${section?.label ?? 'Overview'} of ${c.name}`} tabIndex={0} className="min-h-0 flex-1 overflow-auto focus-visible:outline-offset-[-2px]">
        {children}
      </div>
      {committing && <LazyCommitDialog container={{ id: c.id, name: c.name }} onClose={() => setCommitting(false)} />}
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
