'use client';
import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useCurrentEngine } from '@/hooks/use-current-engine';
import { useDismiss } from '@/hooks/use-dismiss';
import { useEngines, useEnginesChannel } from '@/hooks/use-engines';
import { useEngineStatus } from '@/hooks/use-mux';
import { engineFromSearch, hrefForEngine, switchHref } from '@/lib/engine-scope';
import { engineStatusWords, formatRtt } from '@/lib/format/engine';
import type { EngineStatus } from '@/lib/protocol/engine';

function StatusDot({ up }: { up: boolean | null }) {
  return <span aria-hidden className={`inline-block h-2 w-2 shrink-0 rounded-full ${up === null ? 'bg-muted' : up ? 'bg-success' : 'bg-danger'}`} />;
}

/**
 * The engine the tab looks at, and every other one a click away: name, kind, status (down with the
 * reason), version and round-trip time. Choosing one shows the same page on that engine (a link, so
 * it can be opened in a new tab too). The current engine's status is live (its events channel).
 */
export function EngineSwitcher() {
  const { engine } = useCurrentEngine();
  const live = useEngineStatus();
  const engines = useEngines();
  useEnginesChannel();
  const path = usePathname();
  const search = useSearchParams();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const { refetch } = engines;

  useEffect(() => {
    if (open) void refetch();
  }, [open, refetch]);
  useDismiss(open, () => setOpen(false), button, panel);

  const list = engines.data ?? [];
  const statusOf = (name: string, listed: EngineStatus | undefined) => (name === engine && live ? live : listed);
  const currentInfo = list.find((e) => e.name === engine);
  const current = engineStatusWords(statusOf(engine, currentInfo?.status));

  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={open ? 'engine-switcher' : undefined}
        data-testid="engine-switcher"
        onClick={() => setOpen((o) => !o)}
        className="inline-flex h-7 items-center gap-2 rounded-md border border-line bg-raised px-2 text-xs text-fg hover:bg-hover"
      >
        <StatusDot up={current.up} />
        <span className="text-fg-soft">Engine</span>
        <span className="font-medium" data-testid="current-engine">
          {engine}
        </span>
        {currentInfo?.kind === 'podman' && <span className="text-fg-soft">podman</span>}
        {currentInfo?.warning && (
          <span className="text-warning" title={currentInfo.warning} aria-label={`Warning: ${currentInfo.warning}`}>
            ⚠
          </span>
        )}
        <span aria-hidden className="text-fg-soft">
          ▾
        </span>
      </button>
      {open && (
        <div ref={panel} id="engine-switcher" role="region" aria-label="Engines" className="absolute top-8 left-0 z-40 w-[min(28rem,90vw)] rounded-lg border border-line bg-panel p-1 shadow-xl">
          {engines.isPending && <p className="px-3 py-2 text-xs text-muted">Asking every engine…</p>}
          {engines.isError && (
            <p role="alert" className="px-3 py-2 text-xs text-danger">
              Could not list the engines: {engines.error.message}
            </p>
          )}
          <ul className="flex flex-col">
            {list.map((e) => {
              const words = engineStatusWords(statusOf(e.name, e.status));
              const status = statusOf(e.name, e.status);
              return (
                <li key={e.name}>
                  <Link
                    href={switchHref(path, search.toString(), e.name)}
                    onClick={() => {
                      setOpen(false);
                      // The entry being left names no engine (the default): name it, so Back returns to
                      // the default engine rather than keeping the one switched to.
                      if (!engineFromSearch(window.location.search)) window.history.replaceState(window.history.state, '', hrefForEngine(`${window.location.pathname}${window.location.search}${window.location.hash}`, engine, true));
                    }}
                    aria-current={e.name === engine ? 'true' : undefined}
                    data-testid={`switch-engine-${e.name}`}
                    className={`flex flex-col gap-0.5 rounded-md px-3 py-2 text-xs hover:bg-raised ${e.name === engine ? 'bg-raised' : ''}`}
                  >
                    <span className="flex items-center gap-2">
                      <StatusDot up={words.up} />
                      <span className="font-medium text-fg">{e.name}</span>
                      <span className="text-muted" data-testid="engine-kind">
                        {e.kind}
                      </span>
                      <span className={words.up ? 'text-success' : words.up === false ? 'text-danger' : 'text-muted'}>{words.label}</span>
                      {status?.version && <span className="text-muted">v{status.version}</span>}
                      <span className="ml-auto text-muted" title="Round-trip time of one ping, when the list was asked">
                        {formatRtt(e.rttMs)}
                      </span>
                    </span>
                    <span className="truncate text-muted" title={e.label}>
                      {e.label}
                    </span>
                    {e.warning && (
                      <span className="text-warning" data-testid="engine-warning">
                        ⚠ {e.warning}
                      </span>
                    )}
                    {words.reason && <span className="text-danger">{words.reason}</span>}
                  </Link>
                </li>
              );
            })}
          </ul>
          <div className="flex border-t border-line text-xs">
            {list.length > 1 && (
              <Link href={hrefForEngine('/')} onClick={() => setOpen(false)} className="px-3 py-2 text-accent hover:underline">
                All engines at a glance
              </Link>
            )}
            <Link href={hrefForEngine('/engines')} onClick={() => setOpen(false)} className="ml-auto px-3 py-2 text-accent hover:underline">
              Add or manage engines
            </Link>
          </div>
        </div>
      )}
    </div>
  );
}
