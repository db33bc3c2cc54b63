import type { StatsSample } from '@/lib/protocol/streams';

/** About five minutes of history, whatever the engine's interval (Docker: 1 s; Podman: 5 s). */
export const STATS_WINDOW_MS = 5 * 60_000;
export const STATS_MAX_SAMPLES = 330;

/**
 * Appends a sample and drops what fell out of the window, bounded in count too (a clock jump
 * must not let the buffer grow). Samples not newer than the last one are ignored: after a
 * reconnect the server repeats its latest sample.
 */
export function appendSample(buffer: readonly StatsSample[], sample: StatsSample, windowMs = STATS_WINDOW_MS, max = STATS_MAX_SAMPLES): StatsSample[] {
  const last = buffer.at(-1);
  if (last && sample.time <= last.time) return buffer as StatsSample[];
  const cutoff = sample.time - windowMs;
  let start = 0;
  while (start < buffer.length && buffer[start]!.time < cutoff) start++;
  start = Math.max(start, buffer.length + 1 - max);
  return [...buffer.slice(start), sample];
}
