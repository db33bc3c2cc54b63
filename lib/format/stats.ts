import type { StatsSample } from '../protocol/streams';
import { formatBytes } from './bytes';

/** "12.34 %", two decimals as `docker stats` prints them. */
export function formatPercent(p: number | undefined): string {
  if (p === undefined || !Number.isFinite(p)) return '—';
  return `${p.toFixed(2)} %`;
}

/** Bytes per second in the same decimal units as sizes: "1.25 MB/s". */
export function formatRate(bytesPerSecond: number | undefined): string {
  if (bytesPerSecond === undefined || !Number.isFinite(bytesPerSecond)) return '—';
  return `${formatBytes(Math.round(Math.max(0, bytesPerSecond)))}/s`;
}

export type CounterKey = 'netRxBytes' | 'netTxBytes' | 'blockReadBytes' | 'blockWriteBytes';

/**
 * Per-second rate of a cumulative counter between two samples. A counter that went down (the
 * container restarted, an interface went away) gives 0, not a negative rate.
 */
export function ratePerSecond(prev: StatsSample | undefined, cur: StatsSample | undefined, key: CounterKey): number | undefined {
  if (!prev || !cur) return undefined;
  const seconds = (cur.time - prev.time) / 1000;
  if (seconds <= 0) return undefined;
  return Math.max(0, cur[key] - prev[key]) / seconds;
}

/** The CPU % that means "every CPU the container may use is busy" (100 × CPUs). */
export function cpuCeiling(s: Pick<StatsSample, 'onlineCpus'>): number {
  return 100 * Math.max(1, s.onlineCpus ?? 1);
}
