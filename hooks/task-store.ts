import type { TaskFrame, TaskSummary } from '@/lib/protocol/tasks';

export interface TaskEntry {
  summary: TaskSummary;
  /** The log lines this tab has (bounded; the Tasks page can fetch the server's whole kept log). */
  log: string[];
}

export const CLIENT_LOG_LINES = 2000;

type Schedule = (fn: () => void) => void;

/**
 * Every task this tab knows of, fed by the `tasks` channel. Frames can arrive faster than the screen
 * draws (many layers, a chatty build): they are applied at once, but listeners hear of them at most
 * once per animation frame.
 */
export class TaskStore {
  private readonly entries = new Map<string, TaskEntry>();
  private readonly listeners = new Set<() => void>();
  private scheduled = false;
  private list: TaskEntry[] = [];

  constructor(private readonly schedule: Schedule) {}

  apply(frame: TaskFrame): void {
    const prev = this.entries.get(frame.task.id);
    // A frame that only moves progress keeps the same log array: the log view re-renders (and
    // re-measures to follow its end) only when lines really arrive, not on every progress frame.
    let log = frame.reset || !prev ? frame.log.slice(-CLIENT_LOG_LINES) : frame.log.length === 0 ? prev.log : prev.log.concat(frame.log);
    if (log.length > CLIENT_LOG_LINES) log = log.slice(-CLIENT_LOG_LINES);
    this.entries.set(frame.task.id, { summary: frame.task, log });
    this.changed();
  }

  /** The socket came back: the server re-sends everything, so forget what it no longer has. */
  reset(): void {
    this.entries.clear();
    this.changed();
  }

  private changed(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      this.list = [...this.entries.values()].sort((a, b) => (a.summary.startedAt < b.summary.startedAt ? 1 : a.summary.startedAt > b.summary.startedAt ? -1 : 0));
      for (const fn of this.listeners) fn();
    });
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Newest first; the same array until something changes (for useSyncExternalStore). */
  snapshot(): TaskEntry[] {
    return this.list;
  }
}
