import type { TaskDetail } from '../../lib/protocol/tasks';
import type { RunningServer } from './dockside-server';

/** A JSON POST body for `server.api`. */
export const jsonPost = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/**
 * API calls against a running Dockside that keep every response body, so a test can check at the end
 * that a secret (a registry password canary) appears in none of them.
 */
export function recordedApi(server: () => RunningServer) {
  const responses: string[] = [];

  async function call(pathname: string, init: RequestInit = {}): Promise<{ status: number; body: unknown; text: string }> {
    const res = await server().api(pathname, init);
    const text = await res.text();
    responses.push(text);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: res.status, body, text };
  }

  /** The task once it is no longer running (polled: these tests check the task API itself). */
  async function finished(taskId: string, timeoutMs = 90_000): Promise<TaskDetail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const task = (await call(`/api/tasks/${taskId}`)).body as TaskDetail;
      if (task.state !== 'running') return task;
      if (Date.now() > deadline) throw new Error(`task still running: ${task.message}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  return { responses, call, finished };
}
