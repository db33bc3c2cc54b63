'use client';
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { EngineStatus } from '@/lib/protocol/engine';
import { ENGINE_DOWN_ACTION_TITLE } from '@/lib/format/actions';
import { DEFAULT_ENGINE_NAME } from '@/lib/protocol/engine-name';
import { MuxClient, type ConnectionState } from '@/lib/ws-client/mux-client';
import { subscribeEngineEvents } from './engine-events';
import { useCurrentEngine } from './use-current-engine';

const MuxContext = createContext<MuxClient | null>(null);

export function MuxProvider({ children }: { children: ReactNode }) {
  const [client, setClient] = useState<MuxClient | null>(null);
  useEffect(() => {
    const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const c = new MuxClient(`${proto}//${window.location.host}/ws`);
    setClient(c);
    // A refused upgrade looks like any dropped socket to the browser. If the server is up but no
    // longer knows us (session expired, token rotated), go and sign in instead of retrying forever.
    let checking = false;
    const offState = c.onState((s) => {
      if (s !== 'closed' || checking) return;
      checking = true;
      fetch('/api/auth/status', { cache: 'no-store' })
        .then((r) => (r.ok ? (r.json() as Promise<{ signedIn: boolean }>) : null))
        .then((st) => {
          if (st && !st.signedIn) window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
        })
        .catch(() => undefined) // The server itself is down: keep retrying.
        .finally(() => (checking = false));
    });
    return () => {
      offState();
      c.dispose();
    };
  }, []);
  return <MuxContext.Provider value={client}>{children}</MuxContext.Provider>;
}

/** The tab's socket, or null during the first render (before the effect ran). */
export function useMux(): MuxClient | null {
  return useContext(MuxContext);
}

const noop = () => () => undefined;

/** The status of the engine the tab looks at: the socket's own frames for the default engine, else its events channel's. */
export function useEngineStatus(): EngineStatus | null {
  const mux = useMux();
  const { engine } = useCurrentEngine();
  const main = useSyncExternalStore(mux ? (fn) => mux.onEngine(fn) : noop, () => mux?.engine ?? null, () => null);
  const [other, setOther] = useState<{ engine: string; status: EngineStatus } | null>(null);
  useEffect(() => {
    if (!mux || engine === DEFAULT_ENGINE_NAME) return;
    return subscribeEngineEvents(mux, { onEvent: () => undefined, onStatus: (status) => setOther({ engine, status }) });
  }, [mux, engine]);
  if (engine === DEFAULT_ENGINE_NAME) return main;
  return other?.engine === engine ? other.status : null;
}

/**
 * Whether the current engine does not answer (`down`): what a page shows of it is then the last known
 * state, and actions that need it are off, with `offTitle` saying why (undefined while it answers).
 * Not down while its state is not known yet: nothing is claimed before it is. `endpoint`: where the
 * engine is, to name it in what the page says.
 */
export function useEngineDown(): { down: boolean; offTitle: string | undefined; endpoint: string | undefined } {
  const status = useEngineStatus();
  const down = status?.reachable === false;
  return { down, offTitle: down ? ENGINE_DOWN_ACTION_TITLE : undefined, endpoint: status?.endpoint };
}

export function useConnectionState(): ConnectionState {
  const mux = useMux();
  return useSyncExternalStore(mux ? (fn) => mux.onState(fn) : noop, () => mux?.state ?? 'connecting', () => 'connecting');
}
