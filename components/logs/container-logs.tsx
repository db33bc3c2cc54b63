'use client';
import { useState } from 'react';
import { Spinner } from '@/components/ui/spinner';
import { useAfterNextPaint } from '@/hooks/use-after-next-paint';
import { useContainer } from '@/hooks/use-containers';
import { useLogStream } from '@/hooks/use-log-stream';
import type { LogQuery } from '@/lib/logs/log-session';
import { LogViewer } from './log-viewer';

/**
 * The Logs tab: `docker logs -f` for one container (the frame above handles loading and errors).
 * The stream opens at once; the viewer (toolbar, virtualised rows, their forced layout) mounts one
 * frame after the page, so the container's header — name, state, actions, tabs — is painted first
 * (the run form lands here: BENCHMARKS.md, figure 16). Meanwhile the region says the log is being
 * opened, as the viewer itself does until the first lines come: never an empty log that is not.
 */
export function ContainerLogs({ id }: { id: string }) {
  const c = useContainer(id);
  const [query, setQuery] = useState<LogQuery>({ tail: 300 });
  const detail = c.data?.container;
  const session = useLogStream(detail?.id ?? null, detail?.state.startedAt ?? null, query);
  const headerPainted = useAfterNextPaint();
  if (!detail) return null;
  if (!headerPainted) {
    return (
      <div className="flex h-full min-h-0 items-start justify-center gap-2 bg-surface p-10 text-sm text-muted" aria-busy="true">
        <Spinner label="Opening the log" /> Opening the log…
      </div>
    );
  }
  return <LogViewer session={session} containerId={detail.id} containerName={detail.name} running={detail.state.running} neverStarted={detail.state.status === 'created'} query={query} onQuery={setQuery} />;
}
