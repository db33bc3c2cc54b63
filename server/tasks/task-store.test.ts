import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskSummary } from '../../lib/protocol/tasks';
import { TaskManager, type TaskSpec } from './task-manager';
import { INTERRUPTED_CODE, MAX_STORE_BYTES, parseTasks, serializeTasks, STORED_LOG_LINES, TaskStore, TASKS_FILE, type StoredTask } from './task-store';

const dirs: string[] = [];
const tmpDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-task-store-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function summary(id: string, over: Partial<TaskSummary> = {}): TaskSummary {
  return { id, kind: 'pull', target: 'busybox:latest', startedAt: '2026-01-01T00:00:00.000Z', state: 'succeeded', progress: null, message: 'done', links: [], images: [], cancellable: false, cancelNote: 'Layers stay.', logLines: 0, ...over };
}

function spec(over: Partial<TaskSpec> = {}): TaskSpec {
  return { kind: 'pull', target: 'busybox:latest', cancellable: true, cancelNote: 'Layers already downloaded stay.', exclusive: false, run: async () => ({ message: 'done' }), ...over };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('task store file', () => {
  it('round-trips tasks with their log tails, oldest first', () => {
    const tasks: StoredTask[] = [
      { summary: summary('task-0001'), log: ['a', 'b'] },
      { summary: summary('task-0002', { state: 'failed', error: { code: 'engine_error', message: 'no' } }), log: Array.from({ length: STORED_LOG_LINES + 50 }, (_, i) => `line ${i}`) },
    ];
    const back = parseTasks(serializeTasks(tasks));
    expect(back.map((t) => t.summary.id)).toEqual(['task-0001', 'task-0002']);
    expect(back[1]!.log).toHaveLength(STORED_LOG_LINES);
    expect(back[1]!.log.at(-1)).toBe(`line ${STORED_LOG_LINES + 49}`);
    expect(back[1]!.summary.error?.message).toBe('no');
  });

  it('stays under its size bound: the oldest logs go first, then the oldest tasks', () => {
    const big = 'x'.repeat(100);
    const tasks = Array.from({ length: 40 }, (_, i) => ({ summary: summary(`task-${String(i).padStart(4, '0')}`), log: Array.from({ length: STORED_LOG_LINES }, () => big) }));
    expect(Buffer.byteLength(serializeTasks(tasks))).toBeGreaterThan(MAX_STORE_BYTES / 4);
    const text = serializeTasks(tasks, MAX_STORE_BYTES / 4);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_STORE_BYTES / 4);
    const back = parseTasks(text);
    expect(back.at(-1)!.summary.id).toBe('task-0039');
    expect(back.at(-1)!.log.length).toBe(STORED_LOG_LINES);
    expect(back[0]!.log).toEqual([]);
    const tiny = parseTasks(serializeTasks(tasks, 20_000));
    expect(tiny.length).toBeGreaterThan(0);
    expect(tiny.at(-1)!.summary.id).toBe('task-0039');
  });

  it('reads anything unreadable as no tasks, never throwing', () => {
    fc.assert(fc.property(fc.string(), (s) => Array.isArray(parseTasks(s))));
    fc.assert(fc.property(fc.jsonValue(), (v) => Array.isArray(parseTasks(JSON.stringify(v)))));
    expect(parseTasks(JSON.stringify({ version: 1, tasks: [{ summary: { id: 5 } }, { summary: summary('task-ok01'), log: ['x', 3] }] }))).toEqual([{ summary: summary('task-ok01'), log: ['x'] }]);
  });

  it('writes mode 0600 by renaming a finished file into place', async () => {
    const dir = tmpDir();
    const store = new TaskStore(dir);
    await store.write(() => [{ summary: summary('task-0001'), log: [] }]);
    expect(fs.statSync(path.join(dir, TASKS_FILE)).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual([TASKS_FILE]);
    expect(store.read()).toHaveLength(1);
  });

  it('coalesces the writes asked for before it runs into one write of the newest history', async () => {
    const dir = tmpDir();
    const store = new TaskStore(dir);
    const asked: number[] = [];
    const outcomes: Array<Error | null> = [];
    const history = (n: number) => () => {
      asked.push(n);
      return Array.from({ length: n }, (_, i) => ({ summary: summary(`task-${String(i).padStart(4, '0')}`), log: [`line ${i}`] }));
    };
    const first = store.write(history(1), (err) => outcomes.push(err));
    const writes = [2, 3, 4].map((n) => store.write(history(n), (err) => outcomes.push(err)));
    // Nothing is serialized or written on the caller's turn of the event loop.
    expect(asked).toEqual([]);
    await Promise.all([first, ...writes]);
    // One write, of the newest history asked for.
    expect(asked).toEqual([4]);
    expect(outcomes).toEqual([null]);
    expect(store.read().map((t) => t.summary.id)).toEqual(['task-0000', 'task-0001', 'task-0002', 'task-0003']);
    expect(fs.readdirSync(dir)).toEqual([TASKS_FILE]);
    // A write asked for while one is in flight waits for it, and then goes.
    const inFlight = store.write(history(2));
    await new Promise((r) => setImmediate(r));
    const after = store.write(history(3));
    await Promise.all([inFlight, after]);
    expect(asked.slice(1)).toEqual([2, 3]);
    expect(store.read()).toHaveLength(3);
  });

  it('reports a failed write and goes on with the next', async () => {
    const dir = tmpDir();
    const blocked = path.join(dir, 'not-a-dir');
    fs.writeFileSync(blocked, '');
    const outcomes: Array<string | null> = [];
    await new TaskStore(blocked).write(() => [{ summary: summary('task-0001'), log: [] }], (err) => outcomes.push(err ? 'failed' : null));
    expect(outcomes).toEqual(['failed']);
    const ok = new TaskStore(dir);
    await ok.write(() => [{ summary: summary('task-0001'), log: [] }], (err) => outcomes.push(err ? 'failed' : null));
    expect(outcomes).toEqual(['failed', null]);
  });

  it('writes a finished task the same whether its text was made before or not', async () => {
    const dir = tmpDir();
    const store = new TaskStore(dir);
    const done = { summary: summary('task-0001', { logLines: 2 }), log: ['a', 'b'] };
    const running = { summary: summary('task-0002', { state: 'running' }), log: ['x'] };
    await store.write(() => [done, running]);
    running.summary.message = 'half way';
    running.log = ['x', 'y'];
    await store.write(() => [done, running]);
    expect(fs.readFileSync(path.join(dir, TASKS_FILE), 'utf8')).toBe(serializeTasks([done, running]));
  });
});

describe('TaskManager with a store', () => {
  it('keeps finished tasks across a restart, and shows a task that was running as interrupted', async () => {
    const dir = tmpDir();
    const first = new TaskManager();
    first.useStore(new TaskStore(dir));
    const done = first.start(spec({ target: 'done:1', run: async (h) => (h.log('pulled it'), { message: 'Pulled done:1', images: ['done:1'] }) }));
    await settle();
    first.start(spec({ target: 'hang:1', run: () => new Promise(() => undefined) }));
    // The write of that start (off the event loop) lands; then the server dies: nothing more is written.
    await first.closeHistory();
    const second = new TaskManager();
    second.useStore(new TaskStore(dir));
    const list = second.list();
    expect(list.map((t) => t.target)).toEqual(['hang:1', 'done:1']);
    const [hung, ok] = list;
    expect(ok!.state).toBe('succeeded');
    expect(second.get(done.id)!.log).toEqual(['pulled it']);
    expect(hung!.state).toBe('failed');
    expect(hung!.error?.code).toBe(INTERRUPTED_CODE);
    expect(hung!.message).toMatch(/^Interrupted by a server restart/);
    expect(hung!.endedAt).toBeTruthy();
    expect(second.running()).toEqual([]);
    // …and that is what the file says now, for the start after this one.
    await second.closeHistory();
    expect(new TaskStore(dir).read().find((t) => t.summary.target === 'hang:1')!.summary.state).toBe('failed');
  });

  it('writes the history as it was when the server began to stop, and nothing the shutdown did after', async () => {
    const dir = tmpDir();
    const manager = new TaskManager();
    manager.useStore(new TaskStore(dir));
    const hung = manager.start(spec({ target: 'hang:2', run: (h) => new Promise((_, reject) => h.signal.addEventListener('abort', () => reject(new Error('connection closed')))) }));
    await settle();
    const written = manager.closeHistory();
    // Closing the connections fails the task; that is the shutdown's doing, not the task's story.
    manager.cancel(hung.id);
    await settle();
    await written;
    await new Promise((r) => setTimeout(r, 20));
    expect(new TaskStore(dir).read().find((t) => t.summary.id === hung.id)!.summary.state).toBe('running');
  });
});
