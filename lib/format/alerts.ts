import type { EngineEvent } from '../protocol/events';

/**
 * Which engine events mean "a container died unexpectedly" — the ones worth a toast and a browser
 * notification: a non-zero exit nobody asked for, an OOM kill, health turning unhealthy, and a
 * restart loop. Pure: the caller feeds events (with their own timestamps) in order.
 */
export type AlertKind = 'exited' | 'oom' | 'unhealthy' | 'restart-loop';

export interface ContainerAlert {
  /** Stable for one occurrence, so every tab's browser notification for it collapses into one. */
  key: string;
  kind: AlertKind;
  containerId: string;
  name: string;
  title: string;
  detail?: string;
  /** Milliseconds since the epoch. */
  time: number;
}

/** A die within this long after a kill/stop request was asked for. */
const REQUESTED_WINDOW_MS = 30_000;
/** This many dies within the window is a restart loop. */
const LOOP_DIES = 3;
const LOOP_WINDOW_MS = 120_000;

export class AlertDetector {
  private readonly requested = new Map<string, number>();
  private readonly dies = new Map<string, number[]>();
  private readonly looping = new Set<string>();

  /** The alert this event raises, if any. */
  feed(e: EngineEvent): ContainerAlert | null {
    if (e.type !== 'container') return null;
    const time = Math.floor(e.timeNano / 1e6);
    const name = e.name ?? e.attributes.name ?? e.id.slice(0, 12);
    const base = { containerId: e.id, name, time };
    this.forget(time);
    switch (e.action) {
      case 'kill':
      case 'stop':
        this.requested.set(e.id, time);
        return null;
      case 'destroy':
        this.requested.delete(e.id);
        this.dies.delete(e.id);
        this.looping.delete(e.id);
        return null;
      case 'oom':
        return { ...base, key: `oom:${e.id}:${e.timeNano}`, kind: 'oom', title: `${name} was killed: out of memory`, detail: 'The kernel killed its process because it hit its memory limit.' };
      case 'die': {
        const history = [...(this.dies.get(e.id) ?? []), time].filter((t) => time - t <= LOOP_WINDOW_MS);
        this.dies.set(e.id, history);
        const code = Number(e.attributes.exitCode ?? '0');
        const requestedAt = this.requested.get(e.id);
        if (requestedAt !== undefined && time - requestedAt <= REQUESTED_WINDOW_MS) return null;
        if (history.length >= LOOP_DIES && !this.looping.has(e.id)) {
          this.looping.add(e.id);
          return { ...base, key: `loop:${e.id}:${e.timeNano}`, kind: 'restart-loop', title: `${name} is in a restart loop`, detail: `It died ${history.length} times in the last ${LOOP_WINDOW_MS / 60_000} minutes (last exit code ${code}).` };
        }
        if (code === 0 || this.looping.has(e.id)) return null;
        return { ...base, key: `exit:${e.id}:${e.timeNano}`, kind: 'exited', title: `${name} exited with code ${code}`, detail: e.attributes.image ? `Image ${e.attributes.image}` : undefined };
      }
      default:
        if (e.action.startsWith('health_status') && e.action.includes('unhealthy')) {
          return { ...base, key: `health:${e.id}:${e.timeNano}`, kind: 'unhealthy', title: `${name} is unhealthy`, detail: 'Its health check is failing.' };
        }
        if (e.action === 'start' && this.looping.has(e.id) && (this.dies.get(e.id)?.length ?? 0) < LOOP_DIES) this.looping.delete(e.id);
        return null;
    }
  }

  /** Bounded memory: drop what is too old to matter. */
  private forget(now: number) {
    for (const [id, t] of this.requested) if (now - t > REQUESTED_WINDOW_MS) this.requested.delete(id);
    for (const [id, ts] of this.dies) {
      const kept = ts.filter((t) => now - t <= LOOP_WINDOW_MS);
      if (kept.length) this.dies.set(id, kept);
      else {
        this.dies.delete(id);
        this.looping.delete(id);
      }
    }
  }
}
