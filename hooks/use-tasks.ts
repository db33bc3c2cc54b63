'use client';
import { useQueryClient } from '@tanstack/react-query';
import { startTransition, useEffect, useState } from 'react';
import type { TaskFrame } from '@/lib/protocol/tasks';
import type { MuxClient } from '@/lib/ws-client/mux-client';
import { TaskStore, type TaskEntry } from './task-store';
import { useMux } from './use-mux';

interface Shared {
  store: TaskStore;
  users: number;
  close: (() => void) | null;
}

// One store and one `tasks` channel per tab's socket, shared by the tray, the Tasks page and dialogs.
const shared = new WeakMap<MuxClient, Shared>();

function sharedFor(mux: MuxClient): Shared {
  let s = shared.get(mux);
  if (!s) {
    s = { store: new TaskStore((fn) => requestAnimationFrame(fn)), users: 0, close: null };
    shared.set(mux, s);
  }
  return s;
}

function acquire(mux: MuxClient, onFinished: (e: TaskEntry) => void): Shared {
  const s = sharedFor(mux);
  if (s.users++ === 0) {
    const store = s.store;
    const ended = new Set<string>();
    const ch = mux.open(() => ({ kind: 'tasks' }), {
      onFrame: (f) => {
        if (f.op !== 'task') return;
        const frame = f as unknown as TaskFrame;
        store.apply(frame);
        if (frame.task.state !== 'running' && !ended.has(frame.task.id)) {
          ended.add(frame.task.id);
          onFinished({ summary: frame.task, log: [] });
        }
      },
      onReconnect: () => store.reset(),
    });
    s.close = ch.close;
  }
  return s;
}

function release(mux: MuxClient): void {
  const s = shared.get(mux);
  if (!s) return;
  if (--s.users === 0) {
    s.close?.();
    s.close = null;
  }
}

const EMPTY: TaskEntry[] = [];

/**
 * Every task the server knows (running and recent), newest first, live.
 *
 * The store tells its listeners at most once per animation frame; each change is rendered as a
 * transition, not through useSyncExternalStore. Why (BENCHMARKS.md, figure 18): a store read with
 * useSyncExternalStore always renders synchronously, so the render, the commit, the layout it forces
 * and the effects it runs (a query's fetch) all ran inside the animation frame's callback as one
 * task — 50–110 ms on this loaded 2-core machine when a task started or ended on the Tasks page. A
 * transition's render yields to the browser every few milliseconds and its effects run in a task
 * of their own; a frame that arrives meanwhile restarts it with the newer list (progress, not
 * history: only the newest list matters).
 */
export function useTasks(): TaskEntry[] {
  const mux = useMux();
  const qc = useQueryClient();
  useEffect(() => {
    if (!mux) return;
    // A finished task changed images: lists refetch (what it made is there now).
    acquire(mux, () => void qc.invalidateQueries({ queryKey: ['images'] }));
    return () => release(mux);
  }, [mux, qc]);
  const store = mux ? sharedFor(mux).store : undefined;
  // The first render has no socket yet (as on the server): EMPTY, so hydration matches.
  const [seen, setSeen] = useState<{ store: TaskStore | undefined; list: TaskEntry[] }>(() => ({ store, list: store?.snapshot() ?? EMPTY }));
  useEffect(() => {
    if (!store) return;
    const show = () => startTransition(() => setSeen({ store, list: store.snapshot() }));
    const off = store.subscribe(show);
    // What changed between the render and this subscription.
    if (store.snapshot() !== seen.list) show();
    return off;
    // `seen` is compared once, when subscribing; later changes come through `show`.
  }, [store]);
  // A list from another socket's store (the socket was replaced) is not shown.
  return store && seen.store === store ? seen.list : (store?.snapshot() ?? EMPTY);
}

export function useTask(id: string | null): TaskEntry | undefined {
  const all = useTasks();
  return id ? all.find((t) => t.summary.id === id) : undefined;
}
