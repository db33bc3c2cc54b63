import fs from 'node:fs';
import path from 'node:path';
import type { TaskSummary } from '../../lib/protocol/tasks';

/**
 * The task history on disk, so a server restart neither forgets finished tasks nor lets the ones
 * it was running vanish: `<config dir>/tasks.json`, mode 0600, written whole to a temporary file
 * and renamed into place (a crash mid-write leaves the previous file), bounded in size. Only what
 * the Tasks page shows is kept — summaries and a log tail, which never hold a secret: a registry is
 * named by id, credentials only ever travel in the engine request's headers.
 */

export const TASKS_FILE = 'tasks.json';
/** Log lines kept per task on disk (the page shows the end of a log first). */
export const STORED_LOG_LINES = 200;
const STORED_LINE_CHARS = 1000;
/** The whole file; past it the oldest tasks lose their logs, then themselves. */
export const MAX_STORE_BYTES = 2 * 1024 * 1024;
const VERSION = 1;

export interface StoredTask {
  summary: TaskSummary;
  log: string[];
}

export const INTERRUPTED_CODE = 'interrupted';

/** What a task that was running when the server stopped became: failed, saying so and what may be left. */
export function interrupted(t: StoredTask, noticedAt: string): StoredTask {
  // The cancel note says what closing the engine request leaves behind; a restart closed it just the same.
  const left = t.summary.cancelNote.replace(/^Cancelling closes the [^:]+:\s*/, '');
  const message = `Interrupted by a server restart: Dockside stopped while this ${t.summary.kind} ran, which closed its engine request${left ? `: ${left.charAt(0).toLowerCase()}${left.slice(1)}` : '.'}`;
  return {
    summary: { ...t.summary, state: 'failed', endedAt: noticedAt, cancellable: false, error: { code: INTERRUPTED_CODE, message }, message },
    log: [...t.log, `error: ${message}`],
  };
}

function clip(line: string): string {
  return line.length > STORED_LINE_CHARS ? `${line.slice(0, STORED_LINE_CHARS)}…` : line;
}

function isStoredTask(x: unknown): x is StoredTask {
  const t = x as StoredTask;
  return (
    !!t &&
    typeof t === 'object' &&
    !!t.summary &&
    typeof t.summary.id === 'string' &&
    typeof t.summary.kind === 'string' &&
    typeof t.summary.state === 'string' &&
    typeof t.summary.target === 'string' &&
    Array.isArray(t.log)
  );
}

/** One task's entry in the file: its summary and the clipped tail of its log. */
function storedText(t: StoredTask): string {
  return JSON.stringify({ summary: t.summary, log: t.log.slice(-STORED_LOG_LINES).map(clip) });
}

/** The file's text for these tasks (oldest first), within MAX_STORE_BYTES; `made`: entries already serialized (by index). */
export function serializeTasks(tasks: StoredTask[], maxBytes = MAX_STORE_BYTES, made?: Array<string | undefined>): string {
  const texts = tasks.map((t, i) => made?.[i] ?? storedText(t));
  const sizes = texts.map((t) => Buffer.byteLength(t) + 1);
  const head = `{"version":${VERSION},"tasks":[`;
  let total = head.length + 2 + sizes.reduce((a, b) => a + b, 0);
  // Over the bound: drop the logs of the oldest tasks first, then the oldest tasks themselves.
  for (let i = 0; total > maxBytes && i < tasks.length; i++) {
    texts[i] = JSON.stringify({ summary: tasks[i]!.summary, log: [] });
    const size = Buffer.byteLength(texts[i]!) + 1;
    total += size - sizes[i]!;
    sizes[i] = size;
  }
  let first = 0;
  while (total > maxBytes && first < texts.length) total -= sizes[first++]!;
  return `${head}${texts.slice(first).join(',')}]}`;
}

/** The tasks in a file's text; anything unreadable is left out rather than failing the start. */
export function parseTasks(text: string): StoredTask[] {
  try {
    const data = JSON.parse(text) as { version?: number; tasks?: unknown[] };
    if (data.version !== VERSION || !Array.isArray(data.tasks)) return [];
    return data.tasks.filter(isStoredTask).map((t) => ({ summary: t.summary, log: t.log.filter((l): l is string => typeof l === 'string') }));
  } catch {
    return [];
  }
}

/** A finished task's stored text: its summary and log no longer change, so it is serialized once. */
interface Serialized {
  summary: TaskSummary;
  logLines: number;
  text: string;
}

export class TaskStore {
  readonly file: string;
  /** The write in flight, if any: one at a time, and the newest history waits for it. */
  private writing: Promise<void> | null = null;
  /** What the next write takes the history from (only the newest matters; read when the write starts). */
  private next: (() => StoredTask[]) | null = null;
  /** Hears how each write went (the newest caller's). */
  private report: ((err: Error | null) => void) | null = null;
  private readonly texts = new Map<string, Serialized>();

  constructor(dir: string) {
    this.file = path.join(dir, TASKS_FILE);
  }

  read(): StoredTask[] {
    try {
      return parseTasks(fs.readFileSync(this.file, 'utf8'));
    } catch {
      return [];
    }
  }

  /**
   * Replaces the file atomically (a temporary file renamed into place), mode 0600, without
   * blocking the event loop: the file system calls run on libuv's thread pool, one write at a time,
   * and histories handed in meanwhile are coalesced into one write of the newest once it is done.
   * Why: a synchronous write and rename every 2 s of a running task blocked the whole server —
   * every relayed byte and every frame to every tab — for as long as a busy disk took to rename
   * (~2 s once, during the transfer bench). `history` is called when the write starts, so calls
   * that coalesce cost nothing. No fsync: what this guards against is the server process dying (the
   * kernel still writes its page cache); a process killed mid-write leaves the previous file.
   * Resolves once this history (or a newer one) is in place; `done` hears how each write went.
   */
  write(history: () => StoredTask[], done?: (err: Error | null) => void): Promise<void> {
    this.next = history;
    this.report = done ?? null;
    this.writing ??= this.drain();
    return this.writing;
  }

  private async drain(): Promise<void> {
    // Never settles synchronously: `writing` is set before this can clear it.
    await null;
    try {
      while (this.next) {
        const history = this.next;
        this.next = null;
        try {
          const text = this.serialize(history());
          await fs.promises.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
          const tmp = `${this.file}.${process.pid}.tmp`;
          await fs.promises.writeFile(tmp, text, { mode: 0o600 });
          await fs.promises.chmod(tmp, 0o600);
          await fs.promises.rename(tmp, this.file);
          this.report?.(null);
        } catch (err) {
          this.report?.(err as Error);
        }
      }
    } finally {
      // Cleared here, not in a later callback: a write asked for after the loop's last check starts a new drain.
      this.writing = null;
    }
  }

  /** serializeTasks, with each finished task's text made once (a history of 100 tasks is up to 2 MB of JSON every 2 s). */
  private serialize(tasks: StoredTask[]): string {
    const seen = new Set<string>();
    const texts = tasks.map((t) => {
      const id = t.summary.id;
      seen.add(id);
      if (t.summary.state === 'running') return undefined;
      const kept = this.texts.get(id);
      if (kept && kept.summary === t.summary && kept.logLines === t.summary.logLines) return kept.text;
      const text = storedText(t);
      this.texts.set(id, { summary: t.summary, logLines: t.summary.logLines, text });
      return text;
    });
    for (const id of this.texts.keys()) if (!seen.has(id)) this.texts.delete(id);
    return serializeTasks(tasks, MAX_STORE_BYTES, texts);
  }
}
