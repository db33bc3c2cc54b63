import type { EngineStatus } from '../protocol/engine';

/** "up" or "down" and why, in the words the switcher and the engine cards use. */
export function engineStatusWords(status: EngineStatus | null | undefined): { up: boolean | null; label: string; reason?: string } {
  if (!status || status.checking) return { up: null, label: 'checking…' };
  if (status.reachable) return { up: true, label: 'up' };
  return { up: false, label: 'down', reason: status.error ?? `Nothing answers at ${status.endpoint}.` };
}

/** "3 ms", "0.4 ms", "1.2 s". */
export function formatRtt(ms: number | undefined): string {
  if (ms === undefined) return '—';
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}
