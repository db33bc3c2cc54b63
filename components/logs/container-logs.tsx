'use client';
import { useState } from 'react';
import { useContainer } from '@/hooks/use-containers';
import { useLogStream } from '@/hooks/use-log-stream';
import type { LogQuery } from '@/lib/logs/log-session';
import { LogViewer } from './log-viewer';

/** The Logs tab: `docker logs -f` for one container (the frame above handles loading and errors). */
export function ContainerLogs({ id }: { id: string }) {
  const c = useContainer(id);
  const [query, setQuery] = useState<LogQuery>({ tail: 300 });
  const detail = c.data?.container;
  const session = useLogStream(detail?.id ?? null, detail?.state.startedAt ?? null, query);
  if (!detail) return null;
  return <LogViewer session={session} containerId={detail.id} containerName={detail.name} running={detail.state.running} neverStarted={detail.state.status === 'created'} query={query} onQuery={setQuery} />;
}
