'use client';
import { useCurrentEngine } from '@/hooks/use-current-engine';
import { useConnectionState, useEngineStatus } from '@/hooks/use-mux';
import { DEFAULT_ENGINE_NAME } from '@/lib/protocol/engine-name';

/**
 * Always-visible engine state: unreachable (which endpoint, why; it recovers by itself), the
 * sandbox engine, read-only mode, and a lost connection to Dockside itself.
 */
export function EngineBanner() {
  const engine = useEngineStatus();
  const conn = useConnectionState();
  const { engine: name } = useCurrentEngine();
  return (
    <div className="shrink-0">
      {conn === 'closed' && (
        <div role="alert" className="border-b border-warning/40 bg-warning/10 px-4 py-2 text-sm text-warning">
          Lost the connection to the Dockside server. Reconnecting…
        </div>
      )}
      {engine && !engine.reachable && (
        <div role="alert" data-testid="engine-unreachable" className="border-b border-danger/40 bg-danger/10 px-4 py-2 text-sm text-danger">
          <strong className="font-semibold">{name === DEFAULT_ENGINE_NAME ? 'Docker engine' : `Engine ${name}`} unreachable.</strong> {engine.error ?? `Nothing answers at ${engine.endpoint}.`} Dockside reconnects by
          itself; what you see below may be out of date.
        </div>
      )}
      {engine?.reachable && (
        <div className="flex items-center gap-3 border-b border-line bg-panel/60 px-4 py-1.5 text-xs text-muted">
          <span className="inline-flex items-center gap-1.5">
            <span aria-hidden className="h-2 w-2 rounded-full bg-success" />
            {engine.product ?? 'Docker'} {engine.version} · {engine.endpoint}
          </span>
          {engine.sandbox && (
            <span data-testid="sandbox-badge" className="rounded bg-info/15 px-1.5 py-0.5 text-info" title="No engine was reachable, so Dockside started its own private engine.">
              Sandbox engine (started by Dockside)
            </span>
          )}
          {engine.readOnly && <span className="rounded bg-raised px-1.5 py-0.5 text-fg">Read-only</span>}
        </div>
      )}
    </div>
  );
}
