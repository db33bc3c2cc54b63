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

/**
 * How often the engine sends samples, in words, from the samples' own times (Docker: about one a
 * second; Podman: every 5 s). The median of the recent gaps, so one late sample does not change it.
 */
export function sampleIntervalText(samples: readonly { time: number }[]): string {
  const gaps: number[] = [];
  for (let i = Math.max(1, samples.length - 10); i < samples.length; i++) gaps.push(samples[i]!.time - samples[i - 1]!.time);
  if (gaps.length === 0) return 'waiting for a second sample';
  gaps.sort((a, b) => a - b);
  const seconds = Math.max(1, Math.round(gaps[Math.floor(gaps.length / 2)]! / 1000));
  return seconds === 1 ? 'one sample a second' : `one sample every ${seconds} s`;
}
