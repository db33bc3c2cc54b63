'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
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
const noop = () => () => undefined;

/** Every task the server knows (running and recent), newest first, live. */
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
  return useSyncExternalStore(store ? (fn) => store.subscribe(fn) : noop, () => store?.snapshot() ?? EMPTY, () => EMPTY);
}

export function useTask(id: string | null): TaskEntry | undefined {
  const all = useTasks();
  return id ? all.find((t) => t.summary.id === id) : undefined;
}
