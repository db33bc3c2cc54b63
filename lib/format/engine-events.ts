import type { EngineEvent } from '../protocol/events';

/** The live feed keeps at most this many events; older ones fall off the top. */
export const LIVE_EVENTS_KEPT = 2000;

/** Appends, keeping the newest `max`: the feed's memory stays bounded whatever the engine sends. */
export function appendBounded<T>(kept: readonly T[], incoming: readonly T[], max: number): T[] {
  if (incoming.length >= max) return incoming.slice(incoming.length - max);
  const drop = Math.max(0, kept.length + incoming.length - max);
  return [...kept.slice(drop), ...incoming];
}

/** The action without its detail: `exec_start: sh -c …` → `exec_start`, `health_status: healthy` → `health_status`. */
export function baseAction(action: string): string {
  const i = action.indexOf(':');
  return (i < 0 ? action : action.slice(0, i)).trim();
}

export interface EventFilter {
  type: string;
  action: string;
  q: string;
}

export function matchesEvent(e: EngineEvent, f: EventFilter): boolean {
  if (f.type && e.type !== f.type) return false;
  if (f.action && baseAction(e.action) !== f.action) return false;
  if (f.q) {
    const q = f.q.toLowerCase();
    if (!e.id.toLowerCase().includes(q) && !(e.name ?? '').toLowerCase().includes(q) && !e.action.toLowerCase().includes(q)) return false;
  }
  return true;
}

/**
 * Where the object an event names has a page: containers (until removed), and images by id (pull
 * events name a reference, not an image id; the image page takes ids without `sha256:`).
 */
export function eventObjectHref(e: EngineEvent, engine: string | null): string | null {
  const query = engine ? `?engine=${encodeURIComponent(engine)}` : '';
  if (e.type === 'container' && e.id && e.action !== 'destroy' && e.action !== 'remove') return `/containers/${encodeURIComponent(e.id)}${query}`;
  const imageId = /^(?:sha256:)?([0-9a-f]{64})$/.exec(e.id)?.[1];
  if (e.type === 'image' && imageId && e.action !== 'delete') return `/images/${imageId}${query}`;
  return null;
}

/** The object's name for people: the `name` attribute, else a short id. */
export function eventObjectName(e: EngineEvent): string {
  if (e.name) return e.name;
  return e.id.replace(/^sha256:/, '').slice(0, 12);
}
