import { performance } from 'node:perf_hooks';
import type { TaskSummary } from '../../lib/protocol/tasks';
import type { BenchContext } from './context';
import { BenchSocket } from './ws';

interface Seen {
  /** Epoch ms (this machine's clock, as the server's) when the first frame carrying progress arrived. */
  firstProgressFrameAt?: number;
  /** The server's stamp of the engine's first progress message, from that frame. */
  firstProgressAt?: number;
  end?: TaskSummary;
}

const epochNow = () => performance.timeOrigin + performance.now();

/**
 * Tasks as a tab sees them on the `tasks` channel: when each one's first progress frame arrived,
 * and its end (pushed at once, so no polling skews a timing).
 */
export class TaskWatch {
  private readonly seen = new Map<string, Seen>();
  private readonly waiters = new Map<string, (t: TaskSummary) => void>();

  private constructor(private readonly sock: BenchSocket) {}

  /** `onFrame` sees every task frame with its arrival time (epoch ms). */
  static async open(ctx: BenchContext, onFrame?: (task: TaskSummary, log: string[], at: number) => void): Promise<TaskWatch> {
    const sock = await BenchSocket.connect(ctx.server.url, ctx.server.token);
    const watch = new TaskWatch(sock);
    await sock.open({ kind: 'tasks' }, {
      frame: (f) => {
        if (f.op !== 'task') return;
        const at = epochNow();
        onFrame?.(f.task, f.log, at);
        const s = watch.seen.get(f.task.id) ?? {};
        watch.seen.set(f.task.id, s);
        if (f.task.progress && s.firstProgressFrameAt === undefined) {
          s.firstProgressFrameAt = at;
          s.firstProgressAt = f.task.firstProgressAt;
        }
        if (f.task.state !== 'running') {
          s.end = f.task;
          watch.waiters.get(f.task.id)?.(f.task);
        }
      },
    });
    return watch;
  }

  /** Frame arrival minus the server's stamp of the engine's first message, in ms (NaN when unknown). */
  firstProgressDelay(id: string): number {
    const s = this.seen.get(id);
    return s?.firstProgressFrameAt !== undefined && s.firstProgressAt !== undefined ? s.firstProgressFrameAt - s.firstProgressAt : NaN;
  }

  ended(id: string, timeoutMs = 600_000): Promise<TaskSummary> {
    const kept = this.seen.get(id)?.end;
    if (kept) return Promise.resolve(kept);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`task ${id} did not end in ${timeoutMs / 1000} s`)), timeoutMs);
      this.waiters.set(id, (t) => {
        clearTimeout(timer);
        this.waiters.delete(id);
        resolve(t);
      });
    });
  }

  close(): void {
    this.sock.close();
  }
}

/** POST a JSON body to a Dockside route as a script does (bearer token, the CSRF header). */
export async function postJson<T>(ctx: BenchContext, pathname: string, body: unknown): Promise<T> {
  const res = await fetch(ctx.server.url + pathname, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ctx.server.token}`, 'Content-Type': 'application/json', 'X-Dockside-CSRF': '1' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${pathname} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}
