import { currentEngine } from '@/lib/engine-scope';
import type { EngineStatus } from '@/lib/protocol/engine';
import type { EngineEvent } from '@/lib/protocol/events';
import type { MuxClient } from '@/lib/ws-client/mux-client';

export interface EngineEventListener {
  onEvent(event: EngineEvent): void;
  onReconnect?(): void;
  /** The engine's status: once when the channel opens, then whenever the engine comes or goes. */
  onStatus?(status: EngineStatus): void;
}

interface Shared {
  listeners: Set<EngineEventListener>;
  status: EngineStatus | null;
  close: () => void;
}
const shared = new WeakMap<MuxClient, Map<string, Shared>>();

/**
 * The tab's one `events` channel per engine, shared: live invalidation, notifications and anything
 * else that follows engine events all listen to it. It follows the engine the tab is looking at
 * when the first listener subscribes (lib/engine-scope.ts); opened with the first listener, closed
 * with the last.
 */
export function subscribeEngineEvents(mux: MuxClient, listener: EngineEventListener): () => void {
  const engine = currentEngine();
  let byEngine = shared.get(mux);
  if (!byEngine) shared.set(mux, (byEngine = new Map()));
  let s = byEngine.get(engine);
  if (!s) {
    const listeners = new Set<EngineEventListener>();
    const entry: Shared = { listeners, status: null, close: () => undefined };
    const channel = mux.open(() => ({ kind: 'events', engine }), {
      onFrame(frame) {
        if (frame.op === 'engine') {
          entry.status = frame.engine;
          for (const l of listeners) l.onStatus?.(frame.engine);
          return;
        }
        if (frame.op !== 'event') return;
        for (const l of listeners) l.onEvent(frame.event);
      },
      onReconnect: () => {
        for (const l of listeners) l.onReconnect?.();
      },
    });
    entry.close = () => channel.close();
    byEngine.set(engine, (s = entry));
  }
  const entry = s;
  const map = byEngine;
  entry.listeners.add(listener);
  if (entry.status) listener.onStatus?.(entry.status);
  return () => {
    entry.listeners.delete(listener);
    if (entry.listeners.size === 0) {
      entry.close();
      map.delete(engine);
    }
  };
}
