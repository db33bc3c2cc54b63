'use client';
import type { ReactNode } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { Spinner } from '@/components/ui/spinner';
import { useContainer } from '@/hooks/use-containers';
import { useContainerStats } from '@/hooks/use-container-stats';
import { formatBytes } from '@/lib/format/bytes';
import { cpuCeiling, formatPercent, formatRate, ratePerSecond, sampleIntervalText, type CounterKey } from '@/lib/format/stats';
import type { StatsSample } from '@/lib/protocol/streams';
import { SparklineChart, type ChartSeries } from './sparkline-chart';

const colors = {
  cpu: 'var(--chart-cpu)',
  memory: 'var(--chart-memory)',
  rx: 'var(--chart-rx)',
  tx: 'var(--chart-tx)',
  read: 'var(--chart-read)',
  write: 'var(--chart-write)',
  pids: 'var(--chart-pids)',
};

function Card({ title, value, detail, children }: { title: string; value: ReactNode; detail?: ReactNode; children: ReactNode }) {
  return (
    <section className="min-w-0 rounded-lg border border-line bg-panel" aria-label={title}>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-4 pt-3">
        <h2 className="text-xs font-medium tracking-wide text-muted uppercase">{title}</h2>
        <div className="ml-auto text-right text-xs text-muted">{detail}</div>
      </div>
      <div className="px-4 pt-1 text-2xl font-semibold tabular-nums">{value}</div>
      <div className="px-2 pt-2 pb-2">{children}</div>
    </section>
  );
}

/** A coloured dot + label + value, matching a chart line. */
function Legend({ color, label, children }: { color: string; label: string; children: ReactNode }) {
  return (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap">
      <span aria-hidden className="h-2 w-2 rounded-full" style={{ background: color }} />
      <span>{label}</span>
      <span className="text-fg tabular-nums">{children}</span>
    </span>
  );
}

/** Rates of a counter between consecutive samples (the first has none). */
function rateSeries(samples: StatsSample[], key: CounterKey): (number | null)[] {
  return samples.map((s, i) => ratePerSecond(samples[i - 1], s, key) ?? null);
}

function TwoCounterCard({
  title,
  samples,
  lines,
}: {
  title: string;
  samples: StatsSample[];
  lines: Array<{ key: CounterKey; label: string; color: string }>;
}) {
  const latest = samples.at(-1)!;
  const prev = samples.at(-2);
  const series: ChartSeries[] = lines.map((l) => ({ label: l.label, color: l.color }));
  return (
    <Card
      title={title}
      value={
        <span className="text-lg">
          {lines.map((l, i) => (
            <span key={l.key}>
              {i > 0 && <span className="px-1 text-muted">/</span>}
              {formatBytes(latest[l.key])}
            </span>
          ))}
        </span>
      }
      detail={
        <span className="flex flex-wrap justify-end gap-x-3">
          {lines.map((l) => (
            <Legend key={l.key} color={l.color} label={l.label}>
              {formatRate(ratePerSecond(prev, latest, l.key))}
            </Legend>
          ))}
        </span>
      }
    >
      <SparklineChart label={`${title} per second, last minutes`} times={samples.map((s) => s.time)} series={series} values={lines.map((l) => rateSeries(samples, l.key))} format={(v) => formatRate(v)} yMax={1000} />
    </Card>
  );
}

function StatsCards({ samples }: { samples: StatsSample[] }) {
  const latest = samples.at(-1)!;
  const times = samples.map((s) => s.time);
  const ceiling = cpuCeiling(latest);
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card title="CPU" value={formatPercent(latest.cpuPercent)} detail={`of ${ceiling} % (${ceiling / 100} CPU${ceiling > 100 ? 's' : ''})`}>
        <SparklineChart label="CPU usage, last minutes" times={times} series={[{ label: 'CPU', color: colors.cpu }]} values={[samples.map((s) => s.cpuPercent)]} format={(v) => `${Math.round(v)} %`} yMax={100} />
      </Card>
      <Card
        title="Memory"
        value={
          <>
            {formatBytes(latest.memoryBytes)}
            <span className="text-base font-normal text-muted"> / {formatBytes(latest.memoryLimitBytes)}</span>
          </>
        }
        detail={formatPercent(latest.memoryPercent)}
      >
        <SparklineChart label="Memory usage, last minutes" times={times} series={[{ label: 'Memory', color: colors.memory }]} values={[samples.map((s) => s.memoryBytes)]} format={(v) => formatBytes(Math.round(v))} />
      </Card>
      <TwoCounterCard
        title="Network"
        samples={samples}
        lines={[
          { key: 'netRxBytes', label: 'rx', color: colors.rx },
          { key: 'netTxBytes', label: 'tx', color: colors.tx },
        ]}
      />
      <TwoCounterCard
        title="Block I/O"
        samples={samples}
        lines={[
          { key: 'blockReadBytes', label: 'read', color: colors.read },
          { key: 'blockWriteBytes', label: 'write', color: colors.write },
        ]}
      />
      <Card title="PIDs" value={latest.pids} detail="processes and threads">
        <SparklineChart label="Process count, last minutes" times={times} series={[{ label: 'PIDs', color: colors.pids }]} values={[samples.map((s) => s.pids)]} format={(v) => String(Math.round(v))} yMax={1} height={80} />
      </Card>
    </div>
  );
}

/** `docker stats` for one container: live numbers and the last few minutes as charts. */
export function ContainerStats({ id }: { id: string }) {
  const q = useContainer(id);
  const c = q.data?.container;
  const running = c?.state.running ?? false;
  const stats = useContainerStats(c?.id ?? id, { enabled: running, generation: c?.state.startedAt });
  if (!c) return null;

  if (!running || stats.status === 'exited') {
    return <EmptyState title="Not running">Stats are shown while the container runs. Start it to see CPU, memory, network and disk use.</EmptyState>;
  }
  if (stats.status === 'error') {
    return (
      <EmptyState tone="error" title="Could not read stats">
        {stats.error?.message}
      </EmptyState>
    );
  }
  if (stats.samples.length === 0) {
    return (
      <div className="flex items-center gap-2 p-6 text-sm text-muted">
        <Spinner label="Waiting for stats" /> Waiting for the first sample…
      </div>
    );
  }
  return (
    <div className="p-6">
      <p className="mb-4 flex items-center gap-2 text-xs text-muted" aria-live="off">
        {stats.status === 'live' ? (
          <span aria-hidden className="h-1.5 w-1.5 animate-pulse rounded-full bg-success" />
        ) : (
          <Spinner label="Reconnecting" />
        )}
        {stats.status === 'live' ? `Live, ${sampleIntervalText(stats.samples)}` : 'Reconnecting…'} · the charts keep the last 5 minutes
        {c.state.paused && <span className="text-info">· paused: its processes get no CPU</span>}
      </p>
      <StatsCards samples={stats.samples} />
    </div>
  );
}
