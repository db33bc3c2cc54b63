import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TaskSummary } from '../../lib/protocol/tasks';
import { waitFor } from '../support/docker-cli';
import { startDockside, type RunningServer } from '../support/dockside-server';

// The task history survives the server: finished tasks as they were, running ones as interrupted.
const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-task-history-'));
const servers: RunningServer[] = [];
const uploads: http.ClientRequest[] = [];

afterAll(async () => {
  for (const u of uploads) u.destroy();
  for (const s of servers) await s.stop();
  fs.rmSync(configDir, { recursive: true, force: true });
});

async function start(): Promise<RunningServer> {
  const s = await startDockside([], {}, { configDir });
  servers.push(s);
  return s;
}

async function tasks(server: RunningServer): Promise<TaskSummary[]> {
  const res = await server.api('/api/tasks');
  expect(res.status).toBe(200);
  return (await res.json()) as TaskSummary[];
}

/** A `docker load` upload that sends its first bytes and then waits: the task stays running. */
function stalledLoad(server: RunningServer, filename: string): void {
  const req = http.request({
    host: '127.0.0.1',
    port: server.port,
    method: 'POST',
    path: `/api/transfers/load?filename=${filename}`,
    headers: { authorization: `Bearer ${server.token}`, 'x-dockside-csrf': '1', 'content-type': 'application/x-tar', 'content-length': String(10 * 1024 * 1024) },
  });
  req.on('error', () => undefined);
  req.write(Buffer.alloc(4096));
  uploads.push(req);
}

async function runningTask(server: RunningServer, target: string): Promise<TaskSummary> {
  return waitFor(async () => (await tasks(server)).find((t) => t.target === target && t.state === 'running') ?? null, `a running task for ${target}`, 30_000);
}

describe('task history across server restarts', () => {
  it('keeps a finished task and shows one killed mid-way (kill -9) as interrupted by a server restart', async () => {
    const first = await start();
    const save = await first.api('/api/images/get?names=dockside/busybox');
    expect(save.status).toBe(200);
    await save.arrayBuffer();
    const saveId = save.headers.get('x-dockside-task')!;
    await waitFor(async () => ((await tasks(first)).find((t) => t.id === saveId)?.state === 'succeeded' ? true : null), 'the save task to succeed', 30_000);
    stalledLoad(first, 'killed.tar');
    const running = await runningTask(first, 'killed.tar');
    // The history is written off the event loop: the kill comes once the running task is on disk.
    const file = path.join(configDir, 'tasks.json');
    await waitFor(async () => (fs.readFileSync(file, 'utf8').includes(running.id) ? true : null), 'the running task in the history file', 30_000);

    first.proc.kill('SIGKILL');
    await new Promise((r) => (first.proc.exitCode !== null || first.proc.signalCode !== null ? r(null) : first.proc.once('exit', r)));

    const second = await start();
    const list = await tasks(second);
    const saved = list.find((t) => t.id === saveId)!;
    expect(saved.state).toBe('succeeded');
    expect(saved.kind).toBe('save');
    expect(saved.message).toMatch(/^Saved dockside\/busybox/);
    const killed = list.find((t) => t.id === running.id)!;
    expect(killed.state).toBe('failed');
    expect(killed.error?.code).toBe('interrupted');
    expect(killed.message).toMatch(/^Interrupted by a server restart/);
    expect(killed.endedAt).toBeTruthy();
    // Its detail and log say the same.
    const detail = (await (await second.api(`/api/tasks/${running.id}`)).json()) as { log: string[] };
    expect(detail.log.at(-1)).toMatch(/Interrupted by a server restart/);

    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain(second.token);
    expect(text).not.toContain(first.token);
    // Two server starts on a loaded 2-core machine: more than the default minute.
  }, 150_000);

  it('does the same for a task running when the server is stopped (SIGTERM)', async () => {
    const second = servers.at(-1)!;
    stalledLoad(second, 'stopped.tar');
    const running = await runningTask(second, 'stopped.tar');
    await second.stop();
    const third = await start();
    const list = await tasks(third);
    const stopped = list.find((t) => t.id === running.id)!;
    expect(stopped.state).toBe('failed');
    expect(stopped.message).toMatch(/^Interrupted by a server restart/);
    // The earlier history is still there, and nothing is left running.
    expect(list.filter((t) => t.state === 'running')).toEqual([]);
    expect(list.some((t) => t.target === 'killed.tar' && t.error?.code === 'interrupted')).toBe(true);
  }, 150_000);
});
