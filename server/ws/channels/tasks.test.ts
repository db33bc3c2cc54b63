import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerFrame } from '../../../lib/protocol/frames';
import type { TaskSummary } from '../../../lib/protocol/tasks';
import type { EngineHubs } from '../../hub/engine-hubs';
import { taskManager, type TaskHandle } from '../../tasks/task-manager';
import type { ChannelContext } from './contract';
import { openTasksChannel, TASK_FRAME_INTERVAL_MS } from './tasks';

type TaskFrame = Extract<ServerFrame, { op: 'task' }>;

function context(buffered = () => 0): { ctx: ChannelContext; frames: ServerFrame[] } {
  const frames: ServerFrame[] = [];
  return { frames, ctx: { send: (f) => frames.push(f), sendBinary: () => undefined, bufferedAmount: buffered, hubs: {} as EngineHubs } };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

async function runningTask(): Promise<{ task: TaskSummary; handle: TaskHandle; finish: () => void }> {
  let handle!: TaskHandle;
  let finish!: () => void;
  const task = taskManager().start({
    kind: 'build',
    target: `t-${Math.random()}`,
    cancellable: true,
    cancelNote: 'n',
    exclusive: false,
    run: (h) =>
      new Promise((resolve) => {
        handle = h;
        finish = () => resolve({ message: 'done' });
      }),
  });
  await vi.advanceTimersByTimeAsync(0);
  return { task, handle, finish };
}

describe('tasks channel', () => {
  it('coalesces a burst into one frame per interval, carrying every new log line once', async () => {
    const { task, handle, finish } = await runningTask();
    const { ctx, frames } = context();
    const ch = openTasksChannel(7, ctx, () => undefined);
    const mine = () => frames.filter((f): f is TaskFrame => f.op === 'task' && f.task.id === task.id);
    expect(mine()).toHaveLength(1);
    expect(mine()[0]!.reset).toBe(true);
    for (let i = 0; i < 200; i++) handle.log(`line ${i}`);
    expect(mine()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(TASK_FRAME_INTERVAL_MS);
    expect(mine()).toHaveLength(2);
    expect(mine()[1]!.log).toHaveLength(200);
    expect(mine()[1]!.reset).toBe(false);
    // The end goes out at once, not at the next tick.
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(mine().at(-1)!.task.state).toBe('succeeded');
    ch.close();
  });

  it('holds frames while the socket is far behind, then sends the latest state', async () => {
    const { task, handle, finish } = await runningTask();
    let behind = 10 * 1024 * 1024;
    const { ctx, frames } = context(() => behind);
    const ch = openTasksChannel(8, ctx, () => undefined);
    const count = () => frames.filter((f) => f.op === 'task' && (f as TaskFrame).task.id === task.id).length;
    handle.message('one');
    await vi.advanceTimersByTimeAsync(TASK_FRAME_INTERVAL_MS * 5);
    expect(count()).toBe(1);
    behind = 0;
    handle.message('two');
    await vi.advanceTimersByTimeAsync(TASK_FRAME_INTERVAL_MS);
    expect(count()).toBe(2);
    expect((frames.at(-1) as TaskFrame).task.message).toBe('two');
    finish();
    ch.close();
  });

  it('sends the first progress of a task at once, and a change after a quiet interval at once; a burst still waits', async () => {
    const { task, handle, finish } = await runningTask();
    const { ctx, frames } = context();
    const ch = openTasksChannel(9, ctx, () => undefined);
    const mine = () => frames.filter((f): f is TaskFrame => f.op === 'task' && f.task.id === task.id);
    expect(mine()).toHaveLength(1);
    // Within the interval after the open, but the first progress: no waiting for a tick.
    handle.progress({ kind: 'bytes', bytes: 1, total: 10 });
    expect(mine()).toHaveLength(2);
    handle.progress({ kind: 'bytes', bytes: 2, total: 10 });
    handle.progress({ kind: 'bytes', bytes: 3, total: 10 });
    expect(mine()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(TASK_FRAME_INTERVAL_MS);
    expect(mine()).toHaveLength(3);
    expect((mine()[2]!.task.progress as { bytes: number }).bytes).toBe(3);
    // Quiet for an interval: the next change goes out at once (leading edge), the one after waits.
    await vi.advanceTimersByTimeAsync(TASK_FRAME_INTERVAL_MS * 3);
    handle.progress({ kind: 'bytes', bytes: 4, total: 10 });
    expect(mine()).toHaveLength(4);
    handle.progress({ kind: 'bytes', bytes: 5, total: 10 });
    expect(mine()).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(TASK_FRAME_INTERVAL_MS);
    expect(mine()).toHaveLength(5);
    finish();
    ch.close();
  });
});
