import fs from 'node:fs';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runContainer, waitFor } from '../support/docker-cli';
import { startDockside, type RunningServer } from '../support/dockside-server';
import { engineFixture, signIn } from './support';

// Reliability under churn: 500 sockets opened with live engine streams and then closed — half
// politely, half by dropping the TCP connection — must leave the server with the sockets and
// memory it had before. The figures are printed so a regression shows its size.
let server: RunningServer;
let fx: ReturnType<typeof engineFixture>;
let cookie: string;

beforeAll(async () => {
  fx = engineFixture('sec-churn');
  runContainer(fx.label, fx.name('logs'), [], 'dockside/logspam', []);
  server = await startDockside();
  cookie = await signIn(server);
});
afterAll(async () => {
  await server?.stop();
  fx?.cleanupAll();
});

/** Open sockets of the server process (HTTP clients, WebSockets and its connections to the engine). */
function socketCount(pid: number): number {
  let n = 0;
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    try {
      if (fs.readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) n++;
    } catch {
      // Closed while we looked.
    }
  }
  return n;
}
const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** One browser tab's life: connect, open events + stats + a followed log, see data, go away. */
async function cycle(i: number): Promise<void> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, { headers: { Cookie: cookie, Origin: `http://127.0.0.1:${server.port}` } });
  const seen = new Set<string>();
  let gotLog = false;
  ws.on('message', (data: Buffer, isBinary) => {
    if (isBinary) gotLog = true;
    else seen.add(JSON.parse(data.toString()).op as string);
  });
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  ws.send(JSON.stringify({ op: 'open', ch: 1, kind: 'events' }));
  ws.send(JSON.stringify({ op: 'open', ch: 2, kind: 'stats', params: { container: fx.runningName } }));
  ws.send(JSON.stringify({ op: 'open', ch: 3, kind: 'logs', params: { container: fx.name('logs'), tail: 5, follow: true } }));
  await waitFor(() => seen.has('opened') && gotLog, `cycle ${i} to get its channels going`);
  if (i % 2 === 0) {
    const closed = new Promise((r) => ws.once('close', r));
    ws.close();
    await closed;
  } else {
    ws.terminate(); // the tab is killed: no close frame, the TCP connection just goes
  }
}

describe('socket churn', () => {
  it('after 500 open/close cycles with live streams, sockets and RSS return to their baseline', { timeout: 600_000 }, async () => {
    const pid = server.proc.pid!;
    // Warm up (Next, the first engine connections, JIT), then take the baseline.
    for (let i = 0; i < 10; i++) await cycle(i);
    await new Promise((r) => setTimeout(r, 2000));
    const baseSockets = socketCount(pid);
    const baseRss = rssMiB(pid);

    const CONCURRENT = 10;
    for (let i = 0; i < 500; i += CONCURRENT) {
      await Promise.all(Array.from({ length: CONCURRENT }, (_, k) => cycle(i + k)));
    }
    const peakRss = rssMiB(pid);
    const after = await waitFor(
      () => {
        const n = socketCount(pid);
        return n <= baseSockets ? { sockets: n } : null;
      },
      `the server's sockets to return to ${baseSockets}`,
      30_000,
    );
    const afterRss = rssMiB(pid);
    console.log(
      `churn figures: sockets ${baseSockets} → ${after.sockets} after 500 cycles; RSS ${baseRss.toFixed(0)} MiB → peak ${peakRss.toFixed(0)} MiB → ${afterRss.toFixed(0)} MiB`,
    );
    expect(after.sockets).toBeLessThanOrEqual(baseSockets);
    // Memory: no per-cycle leak. 500 leaked channel sets would be far above this.
    expect(afterRss - baseRss).toBeLessThan(64);
  });
});
