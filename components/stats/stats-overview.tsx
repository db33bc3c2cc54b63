'use client';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { ariaSort, SortButton } from '@/components/ui/sort-button';
import { Spinner } from '@/components/ui/spinner';
import { useAllStats } from '@/hooks/use-all-stats';
import { useEngineStatus } from '@/hooks/use-mux';
import { formatBytes } from '@/lib/format/bytes';
import { shortId } from '@/lib/format/ports';
import { cpuCeiling, formatPercent, formatRate, ratePerSecond } from '@/lib/format/stats';
import type { StatsSample } from '@/lib/protocol/streams';

type SortKey = 'name' | 'cpu' | 'memory';
interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

const compare: Record<SortKey, (a: StatsSample, b: StatsSample) => number> = {
  name: (a, b) => a.name.localeCompare(b.name),
  cpu: (a, b) => a.cpuPercent - b.cpuPercent,
  memory: (a, b) => a.memoryBytes - b.memoryBytes,
};

export function sortSamples(samples: StatsSample[], sort: Sort): StatsSample[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  // Ties (many idle containers at 0 %) fall back to the name, so rows do not shuffle every second.
  return [...samples].sort((a, b) => sign * compare[sort.key](a, b) || compare.name(a, b));
}

/** A thin horizontal gauge; `fraction` is clamped to 0..1. */
function Bar({ fraction, color, label }: { fraction: number; color: string; label: string }) {
  const pct = Math.min(100, Math.max(0, fraction * 100));
  return (
    <div role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)} className="h-1.5 w-24 overflow-hidden rounded-full bg-raised">
      <div className="h-full rounded-full" style={{ width: `${pct}%`, background: color }} />
    </div>
  );
}

function SortHeader({ label, k, sort, onSort, className = '' }: { label: string; k: SortKey; sort: Sort; onSort: (k: SortKey) => void; className?: string }) {
  const active = sort.key === k;
  return (
    <th scope="col" aria-sort={ariaSort(active, sort.dir)} className={`px-4 py-2 font-medium ${className}`}>
      <SortButton label={label} active={active} dir={sort.dir} onClick={() => onSort(k)} />
    </th>
  );
}

/** `docker stats` for every running container: one live table, sortable by CPU, memory or name. */
export function StatsOverview() {
  const { samples, previous } = useAllStats();
  const engine = useEngineStatus();
  const [sort, setSort] = useState<Sort>({ key: 'cpu', dir: 'desc' });
  const rows = useMemo(() => (samples ? sortSamples(samples, sort) : []), [samples, sort]);
  const onSort = (key: SortKey) => setSort((s) => (s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: key === 'name' ? 'asc' : 'desc' }));

  const header = (
    <header className="flex flex-wrap items-baseline gap-3 border-b border-line px-6 py-4">
      <h1 className="text-xl font-semibold">Stats</h1>
      {samples && samples.length > 0 && (
        <p className="text-sm text-muted">
          {samples.length} running · CPU {formatPercent(samples.reduce((n, s) => n + s.cpuPercent, 0))} · memory {formatBytes(samples.reduce((n, s) => n + s.memoryBytes, 0))}
        </p>
      )}
      <p className="ml-auto text-xs text-muted">Live, about once a second</p>
    </header>
  );

  if (!samples?.length && engine?.reachable === false) {
    return (
      <div className="flex h-full flex-col">
        {header}
        <EmptyState tone="error" title="Engine unreachable">
          The Docker engine{engine.endpoint ? ` at ${engine.endpoint}` : ''} does not answer, so there are no stats to show. They resume by themselves when it answers again.
        </EmptyState>
      </div>
    );
  }

  if (!samples) {
    return (
      <div className="flex h-full flex-col">
        {header}
        <div className="flex items-center gap-2 p-6 text-sm text-muted">
          <Spinner label="Loading stats" /> Reading stats of running containers…
        </div>
      </div>
    );
  }
  if (samples.length === 0) {
    return (
      <div className="flex h-full flex-col">
        {header}
        <EmptyState
          title="No running containers"
          action={
            <Link href="/containers" className="text-sm text-accent hover:underline">
              Go to containers
            </Link>
          }
        >
          Live CPU, memory, network and disk use appear here for every container that runs.
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="flex h-full flex-col">
      {header}
      <div className="min-h-0 flex-1 overflow-auto">
        <table className="w-full text-sm" aria-label="Container stats">
          <thead className="sticky top-0 z-10 border-b border-line bg-panel text-left text-xs tracking-wide text-muted">
            <tr>
              <SortHeader label="Name" k="name" sort={sort} onSort={onSort} />
              <SortHeader label="CPU" k="cpu" sort={sort} onSort={onSort} />
              <SortHeader label="Memory" k="memory" sort={sort} onSort={onSort} />
              <th scope="col" className="px-4 py-2 font-medium uppercase">Net I/O</th>
              <th scope="col" className="px-4 py-2 font-medium uppercase">Block I/O</th>
              <th scope="col" className="px-4 py-2 text-right font-medium uppercase">PIDs</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => {
              const prev = previous.get(s.id);
              return (
                <tr key={s.id} className="border-b border-line/60 hover:bg-panel" data-container-id={s.id}>
                  <td className="max-w-[20rem] px-4 py-2">
                    <Link href={`/containers/${encodeURIComponent(s.name || s.id)}/stats`} className="block truncate font-medium text-fg hover:text-accent hover:underline" title={s.name}>
                      {s.name}
                    </Link>
                    <div className="font-mono text-xs text-muted">{shortId(s.id)}</div>
                  </td>
                  <td className="px-4 py-2">
                    <div className="tabular-nums">{formatPercent(s.cpuPercent)}</div>
                    <Bar fraction={s.cpuPercent / cpuCeiling(s)} color="var(--accent)" label={`CPU of ${s.name}, share of its CPUs`} />
                  </td>
                  <td className="px-4 py-2">
                    <div className="tabular-nums">
                      {formatBytes(s.memoryBytes)} <span className="text-xs text-muted">/ {formatBytes(s.memoryLimitBytes)} · {formatPercent(s.memoryPercent)}</span>
                    </div>
                    <Bar fraction={s.memoryPercent / 100} color="var(--chart-memory)" label={`Memory of ${s.name}, share of its limit`} />
                  </td>
                  <td className="px-4 py-2 tabular-nums" title={`rx ${formatRate(ratePerSecond(prev, s, 'netRxBytes'))}, tx ${formatRate(ratePerSecond(prev, s, 'netTxBytes'))}`}>
                    {formatBytes(s.netRxBytes)} <span className="text-muted">/</span> {formatBytes(s.netTxBytes)}
                  </td>
                  <td className="px-4 py-2 tabular-nums" title={`read ${formatRate(ratePerSecond(prev, s, 'blockReadBytes'))}, write ${formatRate(ratePerSecond(prev, s, 'blockWriteBytes'))}`}>
                    {formatBytes(s.blockReadBytes)} <span className="text-muted">/</span> {formatBytes(s.blockWriteBytes)}
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">{s.pids}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
