import type { EngineEvent } from '@/lib/protocol/events';
import type { MuxClient } from '@/lib/ws-client/mux-client';

export interface EngineEventListener {
  onEvent(event: EngineEvent): void;
  onReconnect?(): void;
}

interface Shared {
  listeners: Set<EngineEventListener>;
  close: () => void;
}
const shared = new WeakMap<MuxClient, Shared>();

/**
 * The tab's one `events` channel, shared: the server allows one per socket, and live invalidation,
 * notifications and anything else that follows engine events all listen to it. Opened with the
 * first listener, closed with the last.
 */
export function subscribeEngineEvents(mux: MuxClient, listener: EngineEventListener): () => void {
  let s = shared.get(mux);
  if (!s) {
    const listeners = new Set<EngineEventListener>();
    const channel = mux.open(() => ({ kind: 'events' }), {
      onFrame(frame) {
        if (frame.op !== 'event') return;
        for (const l of listeners) l.onEvent(frame.event);
      },
      onReconnect: () => {
        for (const l of listeners) l.onReconnect?.();
      },
    });
    s = { listeners, close: () => channel.close() };
    shared.set(mux, s);
  }
  const entry = s;
  entry.listeners.add(listener);
  return () => {
    entry.listeners.delete(listener);
    if (entry.listeners.size === 0) {
      entry.close();
      shared.delete(mux);
    }
  };
}
