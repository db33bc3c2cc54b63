import crypto from 'node:crypto';
import type { TaskDetail, TaskKind, TaskLink, TaskProgress, TaskState, TaskSummary } from '../../lib/protocol/tasks';
import { EngineError, toEngineError } from '../engine/errors';
import { audit } from '../security/audit';
import { TaskLog } from './task-log';
import { interrupted, STORED_LOG_LINES as MAX_STORED_LOG, TaskStore, type StoredTask } from './task-store';

/**
 * Long work as server-side tasks: they live in this process, not in a browser tab, so a tab that
 * navigates, reloads or closes finds its task running or finished when it comes back. History is
 * bounded; every start and end is written to the audit log.
 */

export const MAX_FINISHED_TASKS = 100;
export const MAX_RUNNING_TASKS = 32;
/** A running task's log and message reach the disk at most this often (starts and ends at once). */
export const PERSIST_INTERVAL_MS = 2000;

/** What a running task may do. */
export interface TaskHandle {
  readonly id: string;
  /** Aborted when the user cancels: close the engine request with it. */
  readonly signal: AbortSignal;
  log(line: string): void;
  progress(p: TaskProgress): void;
  message(text: string): void;
  /** Once the engine has the whole upload (load, import), closing the request would leave the outcome unknown. */
  setCancellable(cancellable: boolean, note?: string): void;
}

export interface TaskResult {
  message: string;
  links?: TaskLink[];
  images?: string[];
}

export interface TaskSpec {
  kind: TaskKind;
  target: string;
  engine?: string;
  who?: string;
  cancellable: boolean;
  cancelNote: string;
  /**
   * Refuse a second task of the same kind on the same target while one runs (two pulls of one
   * reference, two builds of one tag, two pushes of one reference): with a reason, never a race.
   */
  exclusive: boolean;
  /** Audit detail: no secrets (the registry is named by id, never by its credentials). */
  detail?: Record<string, unknown>;
  run(handle: TaskHandle): Promise<TaskResult>;
}

interface TaskRecord {
  summary: TaskSummary;
  log: TaskLog;
  controller: AbortController;
  cancelled: boolean;
}

export type TaskListener = (task: TaskRecord['summary'], log: TaskLog) => void;

/** A task's failure in words; throw it (or an EngineError) from `run`. */
export class TaskFailure extends Error {
  constructor(
    message: string,
    readonly code: string = 'engine_error',
  ) {
    super(message);
  }
}

export class TaskManager {
  private readonly tasks = new Map<string, TaskRecord>();
  private readonly listeners = new Set<TaskListener>();
  private store: TaskStore | null = null;
  private persistTimer: NodeJS.Timeout | null = null;
  private persistFailed = false;

  /**
   * Keeps the history in `store` from now on, after taking in what it holds: finished tasks as they
   * were, and tasks that were running when the server stopped as failed, "interrupted by a server
   * restart" — never silently gone.
   */
  useStore(store: TaskStore): void {
    const noticedAt = new Date().toISOString();
    for (const stored of store.read()) {
      if (this.tasks.has(stored.summary.id)) continue;
      const t = stored.summary.state === 'running' ? interrupted(stored, noticedAt) : stored;
      const log = new TaskLog();
      for (const line of t.log) log.append(line);
      this.tasks.set(t.summary.id, { summary: { ...t.summary, logLines: log.written }, log, controller: new AbortController(), cancelled: false });
    }
    this.store = store;
    this.trim();
    void this.persist();
  }

  /**
   * Writes the history now (starts, ends, and the throttled updates of running tasks), off the
   * event loop: the store coalesces writes asked for while one is in flight (task-store.ts).
   */
  private persist(history: () => StoredTask[] = () => this.history()): Promise<void> {
    if (this.persistTimer) clearTimeout(this.persistTimer);
    this.persistTimer = null;
    if (!this.store) return Promise.resolve();
    const store = this.store;
    return store.write(history, (err) => {
      if (!err) return void (this.persistFailed = false);
      // Tasks go on without a history on disk; say so once, not on every write.
      if (!this.persistFailed) process.stderr.write(`dockside: could not write the task history to ${store.file}: ${err.message}\n`);
      this.persistFailed = true;
    });
  }

  /** What goes to disk: a running task's summary copied (it changes in place), a finished one as it is (it no longer changes). */
  private history(): StoredTask[] {
    return [...this.tasks.values()].map((t) => ({ summary: t.summary.state === 'running' ? { ...t.summary } : t.summary, log: t.log.tail(MAX_STORED_LOG) }));
  }

  /**
   * For a server about to exit: the history as it is at this moment goes to disk (resolves once it
   * is there), and nothing after it. What the shutdown itself does to running tasks (their
   * connections closed) is not their story: the next start shows them as interrupted by a restart.
   */
  closeHistory(): Promise<void> {
    const now = this.history();
    const written = this.persist(() => now);
    this.store = null;
    return written;
  }

  private persistSoon(): void {
    if (!this.store || this.persistTimer) return;
    this.persistTimer = setTimeout(() => void this.persist(), PERSIST_INTERVAL_MS);
    this.persistTimer.unref();
  }

  subscribe(fn: TaskListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  list(): TaskSummary[] {
    return [...this.tasks.values()].map((t) => ({ ...t.summary })).reverse();
  }

  /** Each task with its log, for a channel that just opened. */
  entries(): { summary: TaskSummary; log: TaskLog }[] {
    return [...this.tasks.values()].map((t) => ({ summary: t.summary, log: t.log }));
  }

  get(id: string): TaskDetail | undefined {
    const t = this.tasks.get(id);
    if (!t) return undefined;
    const { lines } = t.log.since(0);
    return { ...t.summary, log: lines, logDropped: t.log.dropped };
  }

  running(): TaskSummary[] {
    return this.list().filter((t) => t.state === 'running');
  }

  /** Starts a task, or throws a 409/429 EngineError saying why not. */
  start(spec: TaskSpec): TaskSummary {
    if (spec.exclusive) {
      const same = [...this.tasks.values()].find((t) => t.summary.state === 'running' && t.summary.kind === spec.kind && t.summary.target === spec.target && t.summary.engine === spec.engine);
      if (same) {
        throw new EngineError(
          'conflict',
          `A ${spec.kind} of ${spec.target} is already running (task ${same.summary.id.slice(0, 8)}, started ${same.summary.startedAt}). Wait for it or cancel it first: two at once would race for the same ${spec.kind === 'build' ? 'tag' : 'reference'}.`,
        );
      }
    }
    if (this.running().length >= MAX_RUNNING_TASKS) {
      throw new EngineError('rate_limited', `${MAX_RUNNING_TASKS} tasks are already running; wait for some to finish.`);
    }
    const id = crypto.randomUUID();
    const record: TaskRecord = {
      summary: {
        id,
        kind: spec.kind,
        target: spec.target,
        ...(spec.engine ? { engine: spec.engine } : {}),
        startedAt: new Date().toISOString(),
        state: 'running',
        progress: null,
        message: 'Starting…',
        links: [],
        images: [],
        cancellable: spec.cancellable,
        cancelNote: spec.cancelNote,
        logLines: 0,
      },
      log: new TaskLog(),
      controller: new AbortController(),
      cancelled: false,
    };
    this.tasks.set(id, record);
    this.trim();
    void this.persist();
    this.audit(record, spec, 'start');
    const handle: TaskHandle = {
      id,
      signal: record.controller.signal,
      log: (line) => {
        if (record.summary.state !== 'running') return;
        record.log.append(line);
        record.summary.logLines = record.log.written;
        this.changed(record);
      },
      progress: (p) => {
        if (record.summary.state !== 'running') return;
        record.summary.progress = p;
        record.summary.firstProgressAt ??= Date.now();
        this.changed(record);
      },
      message: (text) => {
        if (record.summary.state !== 'running') return;
        record.summary.message = text;
        this.changed(record);
      },
      setCancellable: (cancellable, note) => {
        if (record.summary.state !== 'running') return;
        record.summary.cancellable = cancellable;
        if (note) record.summary.cancelNote = note;
        this.changed(record);
      },
    };
    this.changed(record);
    // Run after the caller has the summary (a route answers with it before any progress).
    queueMicrotask(() => {
      spec.run(handle).then(
        (result) => this.finish(record, spec, record.cancelled ? 'cancelled' : 'succeeded', result),
        (err: unknown) => this.finish(record, spec, record.cancelled ? 'cancelled' : 'failed', undefined, err),
      );
    });
    return { ...record.summary };
  }

  cancel(id: string): TaskSummary {
    const t = this.tasks.get(id);
    if (!t) throw new EngineError('not_found', `No task ${id}.`);
    if (t.summary.state !== 'running') throw new EngineError('conflict', `The task already ${t.summary.state === 'succeeded' ? 'succeeded' : t.summary.state}.`);
    if (!t.summary.cancellable) throw new EngineError('conflict', `This task cannot be cancelled now: ${t.summary.cancelNote}`);
    t.cancelled = true;
    t.summary.message = 'Cancelling…';
    t.controller.abort(new TaskFailure('Cancelled by the user.'));
    this.changed(t);
    return { ...t.summary };
  }

  private finish(record: TaskRecord, spec: TaskSpec, state: TaskState, result?: TaskResult, err?: unknown): void {
    if (record.summary.state !== 'running') return;
    const s = record.summary;
    s.state = state;
    s.endedAt = new Date().toISOString();
    s.cancellable = false;
    if (state === 'succeeded' && result) {
      s.message = result.message;
      s.links = result.links ?? [];
      s.images = result.images ?? [];
    } else if (state === 'cancelled') {
      s.message = `Cancelled. ${spec.cancelNote}`;
    } else {
      const failure = describeFailure(err);
      s.error = failure;
      s.message = failure.message;
      record.log.append(`error: ${failure.message}`);
      s.logLines = record.log.written;
    }
    this.audit(record, spec, 'end');
    this.changed(record);
    this.trim();
    void this.persist();
  }

  private changed(record: TaskRecord): void {
    if (record.summary.state === 'running') this.persistSoon();
    for (const fn of this.listeners) {
      try {
        fn(record.summary, record.log);
      } catch {
        // A broken listener (a socket mid-close) must not stop the task.
      }
    }
  }

  /** Drops the oldest finished tasks past the bound; running ones are always kept. */
  private trim(): void {
    let finished = [...this.tasks.values()].filter((t) => t.summary.state !== 'running').length;
    for (const [id, t] of this.tasks) {
      if (finished <= MAX_FINISHED_TASKS) break;
      if (t.summary.state === 'running') continue;
      this.tasks.delete(id);
      finished -= 1;
    }
  }

  private audit(record: TaskRecord, spec: TaskSpec, phase: 'start' | 'end'): void {
    const s = record.summary;
    audit({
      who: spec.who ?? 'unknown',
      remote: 'server',
      method: 'TASK',
      route: `task:${s.kind}`,
      target: s.target.slice(0, 128),
      action: phase,
      detail: { task: s.id, ...(spec.detail ?? {}), ...(phase === 'end' ? { state: s.state, message: s.message.slice(0, 300) } : {}) },
      outcome: phase === 'start' ? 'requested' : s.state === 'succeeded' ? 'ok' : s.state === 'cancelled' ? 'aborted' : 'failed',
    });
  }
}

function describeFailure(err: unknown): { code: string; message: string } {
  if (err instanceof TaskFailure) return { code: err.code, message: err.message };
  const e = toEngineError(err);
  return { code: e.code, message: e.message };
}

// One manager per process, anchored on globalThis: Next's bundled route handlers and the custom
// server load this module separately.
const KEY = Symbol.for('dockside.tasks');
type Holder = { [KEY]?: TaskManager };

export function taskManager(): TaskManager {
  const holder = globalThis as Holder;
  holder[KEY] ??= new TaskManager();
  return holder[KEY];
}

/** The history in `<config dir>/tasks.json` from the server's start on (see task-store.ts). */
export function initTaskHistory(configDir: string): void {
  taskManager().useStore(new TaskStore(configDir));
}
