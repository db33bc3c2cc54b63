'use client';
import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { useEngineCard } from '@/hooks/use-engine-card';
import { useEngines } from '@/hooks/use-engines';
import { hrefForEngine } from '@/lib/engine-scope';
import { engineStatusWords, formatRtt } from '@/lib/format/engine';
import type { EngineInfo } from '@/lib/protocol/engines';

/** Every engine at a glance; each card asks its own engine, so one down engine never blocks another. */
export function EngineOverview() {
  const engines = useEngines();
  return (
    <div className="flex flex-col gap-4 p-4 sm:p-6">
      <h1 className="text-lg font-semibold">Engines</h1>
      {engines.isPending && <Spinner label="Asking every engine" />}
      {engines.isError && (
        <EmptyState tone="error" title="Could not list the engines">
          {engines.error.message}
        </EmptyState>
      )}
      {engines.data && (
        <ul className="grid grid-cols-1 gap-3 md:grid-cols-2 2xl:grid-cols-3" data-testid="engine-cards">
          {engines.data.map((e) => (
            <EngineCard key={e.name} info={e} />
          ))}
        </ul>
      )}
    </div>
  );
}

function EngineCard({ info }: { info: EngineInfo }) {
  const { containers, images, status: live } = useEngineCard(info.name);
  const status = live ?? info.status;
  const words = engineStatusWords(status);
  const running = containers.data?.filter((c) => c.state === 'running').length;
  return (
    <li data-testid={`engine-card-${info.name}`} className="flex flex-col gap-2 rounded-lg border border-line bg-panel p-4">
      <div className="flex items-center gap-2">
        <span aria-hidden className={`h-2.5 w-2.5 rounded-full ${words.up ? 'bg-success' : words.up === false ? 'bg-danger' : 'bg-muted'}`} />
        <Link href={hrefForEngine('/containers', info.name, true)} className="font-semibold text-fg hover:text-accent hover:underline">
          {info.name}
        </Link>
        <span className="text-xs text-muted">{info.kind}</span>
        <span data-testid="engine-card-status" className={`ml-auto text-xs font-medium ${words.up ? 'text-success' : words.up === false ? 'text-danger' : 'text-muted'}`}>
          {words.label}
        </span>
      </div>
      <p className="truncate text-xs text-muted" title={info.label}>
        {info.label}
        {info.description ? ` — ${info.description}` : ''}
      </p>
      {words.reason && (
        <p role="status" className="text-xs text-danger">
          {words.reason}
        </p>
      )}
      <dl className="grid grid-cols-2 gap-2 text-xs sm:grid-cols-4">
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
          <dt className="text-muted">Version</dt>
          <dd className="text-sm text-fg">{status.version ?? '—'}</dd>
        </div>
        <div>
          <dt className="text-muted">Round trip</dt>
          <dd className="text-sm text-fg">{formatRtt(info.rttMs)}</dd>
        </div>
      </dl>
      {containers.isError && !words.reason && <p className="text-xs text-danger">{containers.error.message}</p>}
    </li>
  );
}
