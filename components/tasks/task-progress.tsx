'use client';
import { formatBytes } from '@/lib/format/bytes';
import type { BuildProgress, LayerPhase, TaskProgress, TaskSummary, TransferProgress } from '@/lib/protocol/tasks';

const PHASE_WORDS: Record<LayerPhase, string> = {
  waiting: 'waiting',
  preparing: 'preparing',
  downloading: 'downloading',
  pushing: 'pushing',
  verifying: 'verifying',
  downloaded: 'downloaded',
  extracting: 'extracting',
  complete: 'complete',
  exists: 'already exists',
  mounted: 'mounted',
};

export function ProgressBar({ fraction, label, tone = 'accent' }: { fraction: number | null; label: string; tone?: 'accent' | 'ok' | 'error' }) {
  const pct = fraction === null ? null : Math.round(Math.max(0, Math.min(1, fraction)) * 100);
  const color = tone === 'ok' ? 'bg-success' : tone === 'error' ? 'bg-danger-solid' : 'bg-accent';
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct ?? undefined}
      aria-valuetext={pct === null ? 'in progress' : `${pct}%`}
      className="h-1.5 w-full overflow-hidden rounded-full bg-raised"
    >
      <div className={`h-full ${color} ${pct === null ? 'w-1/3 animate-pulse' : ''}`} style={pct === null ? undefined : { width: `${pct}%` }} />
    </div>
  );
}

/** One overall fraction for a task, or null when there is no honest figure. */
export function taskFraction(t: TaskSummary): number | null {
  if (t.state === 'succeeded') return 1;
  const p = t.progress;
  if (!p) return null;
  if (p.kind === 'bytes') return p.total ? p.bytes / p.total : null;
  if (p.kind === 'build') return p.total ? Math.max(0, p.current - 1) / p.total : null;
  return p.fraction;
}

export function TransferFigures({ p }: { p: TransferProgress }) {
  return (
    <span className="tabular-nums">
      {p.layersDone}/{p.layersTotal} layers · {formatBytes(p.bytesDone)} of {p.totalExact ? '' : '≥ '}
      {formatBytes(p.bytesTotal)} {p.kind === 'pull' ? 'downloaded' : 'pushed'}
    </span>
  );
}

function LayerRows({ p }: { p: TransferProgress }) {
  return (
    <details className="mt-2 text-xs">
      <summary className="cursor-pointer text-muted">Layers ({p.layers.length})</summary>
      <table className="mt-1 w-full">
        <tbody>
          {p.layers.map((l) => (
            <tr key={l.id} className="border-t border-line/50">
              <td className="py-0.5 pr-3 font-mono">{l.id.slice(0, 12)}</td>
              <td className="py-0.5 pr-3">{PHASE_WORDS[l.phase]}</td>
              <td className="py-0.5 text-right tabular-nums text-muted">
                {l.total ? `${formatBytes(l.current)} / ${formatBytes(l.total)}` : l.current ? formatBytes(l.current) : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function BuildSteps({ p, failed }: { p: BuildProgress; failed: boolean }) {
  return (
    <ol className="mt-2 space-y-0.5 text-xs" aria-label="Build steps">
      {p.steps.map((s) => {
        const running = s.n === p.current && !s.result && !failed;
        return (
          <li
            key={`${s.n}-${s.instruction}`}
            aria-current={running ? 'step' : undefined}
            className={`flex gap-2 rounded px-1 ${s.failed ? 'bg-danger/15 text-danger' : running ? 'bg-accent/20 text-fg' : 'text-fg-soft'}`}
          >
            <span className="w-12 shrink-0 tabular-nums text-muted">
              {s.n}/{s.of}
            </span>
            <span className="min-w-0 flex-1 truncate font-mono" title={s.instruction}>
              {s.instruction}
            </span>
            <span className="shrink-0 text-muted">{s.failed ? 'failed' : s.cached ? 'cached' : s.result ? s.result.slice(0, 12) : running ? 'running…' : ''}</span>
          </li>
        );
      })}
    </ol>
  );
}

/** What a task is doing, in figures a person can trust (never a bar that goes back). */
export function TaskProgressView({ task, detailed = false }: { task: TaskSummary; detailed?: boolean }) {
  const p: TaskProgress | null = task.progress;
  const tone = task.state === 'failed' ? 'error' : task.state === 'succeeded' ? 'ok' : 'accent';
  return (
    <div className="space-y-1">
      <ProgressBar fraction={task.state === 'running' || task.state === 'succeeded' ? taskFraction(task) : (taskFraction(task) ?? 0)} label={`${task.kind} ${task.target}`} tone={tone} />
      <div className="text-xs text-muted">
        {p?.kind === 'pull' || p?.kind === 'push' ? (
          <TransferFigures p={p} />
        ) : p?.kind === 'build' ? (
          <span>
            Step {p.current}/{p.total || '?'} · legacy builder
          </span>
        ) : p?.kind === 'bytes' ? (
          <span className="tabular-nums">
            {formatBytes(p.bytes)}
            {p.total ? ` of ${formatBytes(p.total)}` : ''}
          </span>
        ) : null}
      </div>
      {detailed && (p?.kind === 'pull' || p?.kind === 'push') && p.layers.length > 0 && <LayerRows p={p} />}
      {detailed && p?.kind === 'build' && <BuildSteps p={p} failed={task.state === 'failed'} />}
    </div>
  );
}
