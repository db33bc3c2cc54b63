'use client';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { keys } from '@/hooks/query-keys';
import { api } from '@/lib/api-client';
import { formatBytes } from '@/lib/format/bytes';
import type { DiskUsage, DiskUsageCategory } from '@/lib/protocol/engine-info';
import { Section } from './engine-facts';

/** Seconds since `since`, ticking once a second while `on`: the walk's visible progress. */
function useElapsed(on: boolean): number {
  const [started, setStarted] = useState(0);
  const [now, setNow] = useState(0);
  useEffect(() => {
    if (!on) return;
    const t0 = Date.now();
    setStarted(t0);
    setNow(t0);
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [on]);
  return on ? Math.round((now - started) / 1000) : 0;
}

function Bars({ df }: { df: DiskUsage }) {
  const max = Math.max(1, ...df.categories.map((c) => c.sizeBytes));
  return (
    <div role="list" aria-label="Disk usage by kind" className="space-y-2 px-3 py-3">
      {df.categories.map((c) => (
        <div role="listitem" key={c.kind} className="grid grid-cols-[8rem_1fr_12rem] items-center gap-3 text-sm">
          <span>{c.label}</span>
          <div className="h-4 rounded bg-raised" aria-hidden="true">
            <div className="flex h-4 overflow-hidden rounded" style={{ width: `${(c.sizeBytes / max) * 100}%` }}>
              <div className="h-4 bg-accent" style={{ width: `${c.sizeBytes ? ((c.sizeBytes - c.reclaimableBytes) / c.sizeBytes) * 100 : 0}%` }} />
              <div className="h-4 flex-1 bg-accent/35" />
            </div>
          </div>
          <span className="text-xs">
            {formatBytes(c.sizeBytes)} <span className="text-muted">· {formatBytes(c.reclaimableBytes)} reclaimable</span>
          </span>
        </div>
      ))}
      <p className="text-xs text-muted">The lighter part of each bar is reclaimable: what a prune of that kind would free.</p>
    </div>
  );
}

function CategoryTable({ c }: { c: DiskUsageCategory }) {
  return (
    <details className="border-t border-line px-3 py-2" open={c.items.length > 0 && c.items.length <= 20}>
      <summary className="cursor-pointer text-sm">
        {c.label}: {c.total} ({c.active} active) · {formatBytes(c.sizeBytes)}, {formatBytes(c.reclaimableBytes)} reclaimable
      </summary>
      {c.items.length === 0 ? (
        <p className="py-2 text-xs text-muted">None.</p>
      ) : (
        <div className="mt-2 max-h-80 overflow-auto">
          <DataTable label={c.label} headers={['Name', 'Size', c.kind === 'images' ? 'Unique' : 'Detail', c.kind === 'buildCache' ? 'In use' : 'Containers']}>
            {c.items.map((i) => (
              <tr key={i.id || i.name} className="border-t border-line/60">
                <td className="break-all px-3 py-1" title={i.id}>
                  {i.name}
                </td>
                <td className="whitespace-nowrap px-3 py-1">{formatBytes(i.sizeBytes)}</td>
                <td className="px-3 py-1 text-muted">{c.kind === 'images' ? formatBytes(i.uniqueBytes) : (i.detail ?? '')}</td>
                <td className="px-3 py-1">{c.kind === 'buildCache' ? (i.inUse ? 'yes' : 'no') : i.inUse}</td>
              </tr>
            ))}
          </DataTable>
        </div>
      )}
    </details>
  );
}

/**
 * `docker system df -v`, on demand only: the engine walks every layer and volume, which takes
 * minutes on big hosts, so it never runs on page load. The server runs one walk per engine; a
 * second tab asking meanwhile waits for the same answer.
 */
export function DiskUsagePanel({ engine }: { engine: string }) {
  const df = useQuery({
    queryKey: keys.engineDiskUsage(engine),
    queryFn: ({ signal }) => api<DiskUsage>('/api/engine/disk-usage', { signal }),
    enabled: false,
    staleTime: Infinity,
    retry: false,
  });
  const elapsed = useElapsed(df.isFetching);
  return (
    <Section
      title="Disk usage"
      action={
        <Button size="sm" onClick={() => void df.refetch()} disabled={df.isFetching}>
          {df.data ? 'Measure again' : 'Measure disk usage'}
        </Button>
      }
    >
      {df.isFetching ? (
        <div role="status" className="flex items-center gap-2 px-3 py-4 text-sm text-muted">
          <Spinner /> The engine is walking every layer and volume… {elapsed} s (gives up after 2 minutes)
        </div>
      ) : null}
      {df.error && !df.isFetching ? (
        <div className="p-3">
          <EmptyState tone="error" title="Could not measure disk usage" action={<Button onClick={() => void df.refetch()}>Try again</Button>}>
            {df.error.message}
          </EmptyState>
        </div>
      ) : df.data ? (
        <>
          <Bars df={df.data} />
          <p className="px-3 pb-2 text-xs text-muted">
            Measured {new Date(df.data.at).toLocaleTimeString()} in {(df.data.tookMs / 1000).toFixed(1)} s.
          </p>
          {df.data.categories.map((c) => (
            <CategoryTable key={c.kind} c={c} />
          ))}
        </>
      ) : !df.isFetching ? (
        <p className="px-3 py-4 text-sm text-muted">
          Not measured yet: the engine walks every image layer, container and volume to answer (like <code className="font-mono">docker system df -v</code>), which can
          take minutes on a big host.
        </p>
      ) : null}
    </Section>
  );
}
