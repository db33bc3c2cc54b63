'use client';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { useEngineCard } from '@/hooks/use-engine-card';
import { useEngines } from '@/hooks/use-engines';
import { hrefForEngine } from '@/lib/engine-scope';
import { formatBytes } from '@/lib/format/bytes';
import { engineStatusWords, formatRtt } from '@/lib/format/engine';
import type { EngineInfo } from '@/lib/protocol/engines';

const linkClass = 'text-accent hover:underline';

/**
 * One engine at a glance: status (live from its own events channel), kind, version, containers
 * running/total and images (its own requests, refetched on its own events: one engine down or slow
 * never holds another's card), disk used from the last `docker system df` run on its engine page,
 * and links to its pages. `children`: what the /engines page adds (where it comes from, edit, remove).
 */
export function EngineCard({ info, children }: { info: EngineInfo; children?: ReactNode }) {
  const { containers, images, status: live } = useEngineCard(info.name);
  const status = live ?? info.status;
  const words = engineStatusWords(status);
  const running = containers.data?.filter((c) => c.state === 'running').length;
  const kind = status.kind ?? info.kind;
  const on = (path: string) => hrefForEngine(path, info.name, true);
  return (
    <li data-testid={`engine-card-${info.name}`} aria-label={`Engine ${info.name}`} className="flex min-w-0 flex-col gap-2 rounded-lg border border-line bg-panel p-4">
      <div className="flex flex-wrap items-center gap-2">
        <span aria-hidden className={`h-2.5 w-2.5 shrink-0 rounded-full ${words.up ? 'bg-success' : words.up === false ? 'bg-danger' : 'bg-muted'}`} />
        <Link href={on('/containers')} className="font-semibold break-all text-fg hover:text-accent hover:underline">
          {info.name}
        </Link>
        <span data-testid="engine-card-kind" className="rounded bg-raised px-1.5 py-0.5 text-xs text-fg-soft">
          {kind === 'podman' ? 'Podman' : 'Docker'}
        </span>
        <span data-testid="engine-card-status" className={`ml-auto text-xs font-medium ${words.up ? 'text-success' : words.up === false ? 'text-danger' : 'text-muted'}`}>
          {words.label}
        </span>
      </div>
      <p className="truncate text-xs text-muted" title={info.label}>
        {info.label}
        {info.description ? ` — ${info.description}` : ''}
      </p>
      {info.warning && (
        <p data-testid="engine-card-warning" className="rounded border border-warning/40 px-2 py-1 text-xs text-warning">
          <span aria-hidden>⚠ </span>
          {info.warning}
        </p>
      )}
      {words.reason && (
        <p role="status" className="text-xs break-words text-danger">
          {words.reason}
        </p>
      )}
      <dl className="grid grid-cols-2 gap-2 text-xs sm:grid-cols-3">
        <div>
          <dt className="text-muted">Containers</dt>
          <dd data-testid="engine-card-containers" className="text-sm text-fg">
            {containers.data ? `${running} running / ${containers.data.length}` : containers.isError ? 'unavailable' : '…'}
          </dd>
        </div>
        <div>
          <dt className="text-muted">Images</dt>
          <dd data-testid="engine-card-images" className="text-sm text-fg" title="As docker images lists them (without intermediate layers)">
            {images.data ? images.data.images.filter((i) => i.kind !== 'intermediate').length : images.isError ? 'unavailable' : '…'}
          </dd>
        </div>
        <div>
          <dt className="text-muted">Disk used</dt>
          <dd data-testid="engine-card-disk" className="text-sm text-fg" title={info.disk ? `docker system df at ${new Date(info.disk.at).toLocaleString()}` : 'Run disk usage on the engine page to know it'}>
            {info.disk ? formatBytes(info.disk.totalBytes) : 'not measured'}
          </dd>
        </div>
        <div>
          <dt className="text-muted">Version</dt>
          <dd className="text-sm text-fg">{status.version ?? '—'}</dd>
        </div>
        <div>
          <dt className="text-muted">Round trip</dt>
          <dd className="text-sm text-fg">{formatRtt(info.rttMs)}</dd>
        </div>
        {info.disk && (
          <div>
            <dt className="text-muted">Reclaimable</dt>
            <dd className="text-sm text-fg">{formatBytes(info.disk.reclaimableBytes)}</dd>
          </div>
        )}
      </dl>
      {containers.isError && !words.reason && <p className="text-xs text-danger">{containers.error.message}</p>}
      <nav aria-label={`${info.name} pages`} className="flex flex-wrap gap-3 text-xs">
        <Link href={on('/containers')} className={linkClass} data-testid="engine-card-containers-link">
          Containers
        </Link>
        <Link href={on('/images')} className={linkClass}>
          Images
        </Link>
        <Link href={on('/engine')} className={linkClass}>
          Engine{info.disk ? '' : ' (disk usage)'}
        </Link>
      </nav>
      {children}
    </li>
  );
}

/** Every engine's card, with the list's loading and error states; `extra` adds to a card (the /engines page's own controls). */
export function EngineCardGrid({ extra }: { extra?: (info: EngineInfo) => ReactNode }) {
  const engines = useEngines();
  return (
    <>
      {engines.isPending && <Spinner label="Listing the engines" />}
      {engines.isError && (
        <EmptyState tone="error" title="Could not list the engines">
          {engines.error.message}
        </EmptyState>
      )}
      {engines.data && (
        <ul className="grid grid-cols-1 gap-3 md:grid-cols-2 2xl:grid-cols-3" data-testid="engine-cards">
          {engines.data.map((e) => (
            <EngineCard key={e.name} info={e}>
              {extra?.(e)}
            </EngineCard>
          ))}
        </ul>
      )}
    </>
  );
}
