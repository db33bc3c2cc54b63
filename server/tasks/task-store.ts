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

/** The file's text for these tasks (oldest first), within MAX_STORE_BYTES. */
export function serializeTasks(tasks: StoredTask[], maxBytes = MAX_STORE_BYTES): string {
  const list = tasks.map((t) => ({ summary: t.summary, log: t.log.slice(-STORED_LOG_LINES).map(clip) }));
  const texts = list.map((t) => JSON.stringify(t));
  const sizes = texts.map((t) => Buffer.byteLength(t) + 1);
  const head = `{"version":${VERSION},"tasks":[`;
  let total = head.length + 2 + sizes.reduce((a, b) => a + b, 0);
  // Over the bound: drop the logs of the oldest tasks first, then the oldest tasks themselves.
  for (let i = 0; total > maxBytes && i < list.length; i++) {
    texts[i] = JSON.stringify({ summary: list[i]!.summary, log: [] });
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

export class TaskStore {
  readonly file: string;

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
   * Replaces the file atomically (a temporary file renamed into place), mode 0600. No fsync: what
   * this guards against is the server process dying (the kernel still writes its page cache), and
   * a sync on every task start and end would stall the event loop on a busy disk.
   */
  write(tasks: StoredTask[]): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, serializeTasks(tasks), { mode: 0o600 });
    fs.chmodSync(tmp, 0o600);
    fs.renameSync(tmp, this.file);
  }
}
