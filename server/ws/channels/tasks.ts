import type { TaskSummary } from '../../../lib/protocol/tasks';
import type { TaskLog } from '../../tasks/task-log';
import { taskManager } from '../../tasks/task-manager';
import type { Channel, ChannelContext } from './contract';

/** At most one frame per task per this interval, however fast the engine talks. */
export const TASK_FRAME_INTERVAL_MS = 50;
/** Log lines sent with a task when the channel opens (the Tasks page fetches the rest). */
const OPEN_TAIL = 200;
/** More new lines than this in one interval: send the tail and say lines were skipped. */
const MAX_LINES_PER_FRAME = 500;
/** A tab this far behind gets no more frames until it catches up (the latest state still arrives). */
const MAX_BUFFERED = 1024 * 1024;

/** Every task's state and log, to every tab, coalesced. */
export function openTasksChannel(ch: number, ctx: ChannelContext, _onEnded: () => void): Channel {
  const manager = taskManager();
  /** Per task: log lines already sent to this tab. */
  const sentLines = new Map<string, number>();
  const dirty = new Map<string, { summary: TaskSummary; log: TaskLog }>();
  /** Tasks whose progress this tab has had: the first progress goes out at once (the bar appears without waiting a tick). */
  const hadProgress = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let lastFlush = 0;

  const send = (summary: TaskSummary, log: TaskLog, first: boolean) => {
    const from = first ? Math.max(0, log.written - OPEN_TAIL) : (sentLines.get(summary.id) ?? 0);
    let { lines, complete } = log.since(from);
    if (lines.length > MAX_LINES_PER_FRAME) {
      lines = lines.slice(-MAX_LINES_PER_FRAME);
      complete = false;
    }
    sentLines.set(summary.id, log.written);
    if (summary.progress) hadProgress.add(summary.id);
    ctx.send({ op: 'task', ch, task: { ...summary }, log: lines, reset: first || !complete });
  };

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    lastFlush = Date.now();
    if (ctx.bufferedAmount() > MAX_BUFFERED) {
      timer = setTimeout(flush, TASK_FRAME_INTERVAL_MS);
      return;
    }
    for (const { summary, log } of dirty.values()) send(summary, log, !sentLines.has(summary.id));
    dirty.clear();
  };

  ctx.send({ op: 'opened', ch });
  for (const { summary, log } of manager.entries()) send(summary, log, true);
  lastFlush = Date.now();
  const unsubscribe = manager.subscribe((summary, log) => {
    dirty.set(summary.id, { summary, log });
    // A task's end and its first progress go out at once, and so does a change after a quiet
    // interval; the rest of a burst waits for the interval's end (throttled on both edges).
    const quiet = Date.now() - lastFlush >= TASK_FRAME_INTERVAL_MS;
    if (summary.state !== 'running' || (summary.progress && !hadProgress.has(summary.id)) || (quiet && !timer)) {
      flush();
      return;
    }
    timer ??= setTimeout(flush, Math.max(0, lastFlush + TASK_FRAME_INTERVAL_MS - Date.now()));
  });
  return {
    close: () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
      dirty.clear();
    },
  };
}
