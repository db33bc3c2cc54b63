'use client';
import { useRef, useState } from 'react';
import type { TaskSummary } from '@/lib/protocol/tasks';

export type TaskStartContext = {
  /** Aborted when the dialog closes (an upload in flight stops; nothing else needs it). */
  signal: AbortSignal;
  /** Upload progress, shown as a percentage on the dialog's action button. */
  onProgress: (sent: number, total: number) => void;
};

/**
 * The plumbing every "start a server task" dialog shares (pull, push, build, load, import): the
 * started task's id, the error, busy, upload percent, a reset, and `close` (reset, then the
 * dialog's own `onClose`) for its Cancel/Close buttons.
 */
export function useTaskStart(onClose?: () => void) {
  const [task, setTask] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<number | null>(null);
  const abort = useRef<AbortController | null>(null);

  const start = async (run: (ctx: TaskStartContext) => Promise<TaskSummary>) => {
    setBusy(true);
    setError(null);
    abort.current = new AbortController();
    try {
      const t = await run({ signal: abort.current.signal, onProgress: (s, total) => setSent(Math.round((s / Math.max(1, total)) * 100)) });
      setTask(t.id);
    } catch (e) {
      if ((e as Error).name !== 'AbortError') setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const reset = () => {
    abort.current?.abort();
    setTask(null);
    setError(null);
    setSent(null);
  };
  const close = () => {
    reset();
    onClose?.();
  };
  return { task, error, busy, sent, start, reset, close };
}
