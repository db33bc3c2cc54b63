'use client';
import { useQuery } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { keys } from '@/hooks/query-keys';
import { useCurrentEngine } from '@/hooks/use-current-engine';
import { api } from '@/lib/api-client';
import type { EngineDetails } from '@/lib/protocol/engine-info';
import { DEFAULT_ENGINE_NAME } from '@/lib/protocol/engine-name';
import { DiskUsagePanel } from './disk-usage-panel';
import { EngineEventsFeed } from './engine-events-feed';
import { EngineFacts } from './engine-facts';

/** The engine page: who the engine is and how it is set up, its disk use (on demand), its events. */
export function EnginePage() {
  // The API client adds the tab's engine (lib/engine-scope.ts) to every request; the keys name it too.
  const { engine } = useCurrentEngine();
  const info = useQuery({
    queryKey: keys.engineInfo(engine),
    queryFn: ({ signal }) => api<EngineDetails>('/api/engine/info', { signal }),
  });
  return (
    <div className="space-y-4 p-6">
      <div className="flex items-center gap-3">
        <h1 className="text-lg font-semibold">Engine{engine !== DEFAULT_ENGINE_NAME ? ` ${engine}` : ''}</h1>
        <span className="text-sm text-muted">
          {info.data ? `${info.data.product} ${info.data.version}` : 'docker version, docker info, disk usage and events'}
        </span>
        <Button size="sm" className="ml-auto" onClick={() => void info.refetch()} disabled={info.isFetching}>
          Refresh
        </Button>
      </div>
      {info.isPending ? (
        <div role="status" className="flex items-center gap-2 text-sm text-muted">
          <Spinner /> Asking the engine…
        </div>
      ) : info.error ? (
        <EmptyState tone="error" title="Could not read the engine's information" action={<Button onClick={() => void info.refetch()}>Try again</Button>}>
          {info.error.message}
        </EmptyState>
      ) : (
        <EngineFacts info={info.data} />
      )}
      <DiskUsagePanel engine={engine} />
      <EngineEventsFeed engine={engine} />
    </div>
  );
}
