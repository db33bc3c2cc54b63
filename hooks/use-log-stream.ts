'use client';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { LogSession, type LogQuery } from '@/lib/logs/log-session';
import { useMux } from './use-mux';

const noop = () => () => undefined;

/**
 * A container's log, live: one `logs` channel per (container, query), re-opened when the
 * container restarts (a new `startedAt`), resuming after the last line seen. Re-renders at most
 * once per animation frame, however fast lines arrive.
 */
export function useLogStream(containerId: string | null, startedAt: string | null, query: LogQuery): LogSession | null {
  const mux = useMux();
  const [session, setSession] = useState<LogSession | null>(null);
  const queryKey = JSON.stringify(query);

  useEffect(() => {
    if (!mux || !containerId) return;
    const s = new LogSession(mux, containerId, JSON.parse(queryKey) as LogQuery);
    setSession(s);
    s.start();
    return () => s.dispose();
  }, [mux, containerId, queryKey]);

  const started = useRef(startedAt);
  useEffect(() => {
    if (started.current === startedAt) return;
    started.current = startedAt;
    if (session && startedAt) session.containerRestarted();
  }, [session, startedAt]);

  useEffect(() => {
    if (!mux || !session) return;
    let wasReachable = mux.engine?.reachable ?? true;
    return mux.onEngine((e) => {
      if (e.reachable && !wasReachable) session.engineReturned();
      wasReachable = e.reachable;
    });
  }, [mux, session]);

  useSyncExternalStore(session ? session.subscribe : noop, () => session?.version ?? 0, () => 0);
  return session;
}
