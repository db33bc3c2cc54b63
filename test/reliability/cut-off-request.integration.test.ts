import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../lib/protocol/audit';
import { docker, inspectState, runContainer, testRun, waitFor } from '../support/docker-cli';
import { serverForFile } from '../support/server-for-file';

/**
 * The user closes the tab while a slow change is under way. Dockside lets the engine finish it (the
 * engine has no way to undo half a stop anyway), and says how it ended when the user comes back:
 * the container's state, and the audit entry with the real result, marked as answered to nobody.
 */
const t = testRun('rel-cutoff');
const file = serverForFile(t);

const auditEntries = (): AuditEntry[] =>
  fs
    .readFileSync(path.join(file.server.configDir, 'audit.log'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AuditEntry);

/**
 * Sends a request on a bare socket and drops the connection at once, without reading a byte.
 * `cutAt` sends only that much of the body (the browser closed while it was still uploading).
 */
function sendAndHangUp(method: string, target: string, body: string, cutAt = body.length): Promise<void> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(file.server.port, '127.0.0.1', () => {
      sock.end(
        `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${file.server.port}\r\nAuthorization: Bearer ${file.server.token}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, cutAt)}`,
        () => {
          sock.destroy();
          resolve();
        },
      );
    });
    sock.on('error', reject);
  });
}

describe('a request cut off half-way', () => {
  it('finishes a stop the client walked away from, and the audit log says how it ended', { timeout: 60_000 }, async () => {
    // `sleep` as PID 1 ignores SIGTERM: the stop waits its full 5 s timeout, then kills.
    const id = runContainer(t.label, t.name('stubborn'), [], 'dockside/busybox', ['sleep', '3600']);
    const route = `/api/containers/${id}/actions`;
    const sentAt = Date.now();
    await sendAndHangUp('POST', route, JSON.stringify({ action: 'stop', timeout: 5 }));

    // The client is gone; the stop goes on in the engine and ends with the container stopped.
    await waitFor(() => !inspectState(id).Running, 'the container to stop', 30_000);
    const stoppedAfter = Date.now() - sentAt;
    expect(stoppedAfter).toBeGreaterThanOrEqual(4000); // it did wait for the timeout, i.e. the stop ran as asked
    expect(inspectState(id).ExitCode).toBe(137);

    // The audit entry is written when the engine answered, with that answer.
    const entry = await waitFor(() => auditEntries().find((e) => e.route === route), 'the audit entry', 15_000);
    console.log(`cut-off figures: container stopped ${stoppedAfter} ms after the request was sent and dropped; audit entry ${JSON.stringify(entry)}`);
    expect(entry).toMatchObject({ method: 'POST', action: 'stop', status: 200, outcome: 'ok', clientGone: true, who: 'bearer' });
    expect(new Date(entry.time).getTime() - sentAt).toBeGreaterThanOrEqual(4000);

    // When the user comes back, the list says it is stopped: nothing is left half-changed.
    const list = (await (await file.server.api('/api/containers?all=1')).json()) as Array<{ id: string; state: string }>;
    expect(list.find((c) => c.id === id)?.state).toBe('exited');
  });

  it('does nothing to the engine when the request is cut off before its body arrived, and says so', async () => {
    const id = runContainer(t.label, t.name('untouched'), [], 'dockside/busybox', ['sleep', '3600']);
    const startedAt = docker('inspect', '--format', '{{.State.StartedAt}}', id);
    const route = `/api/containers/${id}/actions`;
    const body = JSON.stringify({ action: 'kill' });
    await sendAndHangUp('POST', route, body, 8);

    // The entry is written once the server has given up on the request…
    const entry = await waitFor(() => auditEntries().find((e) => e.route === route), 'the audit entry', 15_000);
    console.log(`cut-off figures: body cut short: audit entry ${JSON.stringify(entry)}`);
    expect(entry).toMatchObject({ method: 'POST', status: 400, outcome: 'failed', clientGone: true });
    expect(file.server.output()).not.toMatch(/unexpected error in route/);
    // …and the container was never touched.
    expect(inspectState(id).Running).toBe(true);
    expect(docker('inspect', '--format', '{{.State.StartedAt}}', id)).toBe(startedAt);
  });
});
