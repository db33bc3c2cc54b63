import crypto from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runContainer, testRun, waitFor } from '../support/docker-cli';
import { startDockside, type RunningServer } from '../support/dockside-server';
import { connect, engineConnections, onlyMainProcess, openChannel, processes, rssMiB, socketPathOf, statsStreamsOpen, type Client } from './support';

/**
 * Browsers that vanish without a word — a frozen tab, a client that stopped speaking WebSocket, a
 * TCP reset — and channels opened and closed by the hundred. Whatever the way out, the server must
 * end the exec processes it started, destroy its engine streams, and come back to the connections
 * and memory it had. For the vanished browsers the heartbeat is shortened (DOCKSIDE_HEARTBEAT_MS) so
 * a silent peer is found in seconds instead of 30 — but not so short that a live client on a busy
 * machine (this test's own process, parsing frames) misses a ping and is hung up on: at 400 ms that
 * happened under load, and its awaited frames never came.
 */
const HEARTBEAT_MS = 1500;
const t = testRun('rel-vanish');
let server: RunningServer;
let pid: number;
let enginePath: string;
let logger: string;

beforeAll(async () => {
  enginePath = socketPathOf(process.env.DOCKER_HOST!);
  logger = t.name('logger');
  runContainer(t.label, logger, [], 'dockside/logspam', []);
  server = await startDockside([], { DOCKSIDE_HEARTBEAT_MS: String(HEARTBEAT_MS), DOCKSIDE_DEBUG_STATS: '1' });
  pid = server.proc.pid!;
});
afterAll(async () => {
  await server?.stop();
  t.cleanup();
});

const engineConns = () => engineConnections(pid, enginePath);

/**
 * An idle server holds one engine connection (the event stream), plus a moment's liveness ping.
 * Idle kept-alive connections close after Node's agent timeout (5 s), so a baseline taken soon
 * after activity can be higher; the lower of the two is what the server must come back to.
 */
const IDLE_ENGINE_CONNECTIONS = 2;
const floorOf = (base: { conns: number }) => Math.min(base.conns, IDLE_ENGINE_CONNECTIONS);

/** The server holds what it held before: no engine connection, stats stream or exec process more. */
async function releasedAll(container: string, base: { conns: number; stats: number }): Promise<void> {
  await onlyMainProcess(container);
  await waitFor(() => statsStreamsOpen(server) <= base.stats, `the stats streams to go back to ${base.stats}; now ${statsStreamsOpen(server)}`);
  await waitFor(() => engineConns() <= floorOf(base), `the engine connections to go back to ${floorOf(base)}; now ${engineConns()}`);
}

/** An exec whose shell started a background job, a stats feed and a followed log: a busy tab. */
async function busyTab(c: Client, container: string): Promise<void> {
  await openChannel(c, 1, 'exec', { container, cmd: ['sh', '-c', 'sleep 1111 & exec sleep 2222'], cols: 80, rows: 24 });
  await openChannel(c, 2, 'stats', { container });
  await openChannel(c, 3, 'logs', { container: logger, tail: 5, follow: true });
  await waitFor(() => processes(container).length === 3, 'the exec processes to start');
  await waitFor(() => (c.binary.get(3)?.length ?? 0) > 0 && c.frames.some((f) => f.op === 'stats'), 'log lines and a stats sample');
}

/** Each container starts with its own stats stream idle, so the baseline is taken when nothing is open. */
async function baseline(): Promise<{ conns: number; stats: number }> {
  await waitFor(() => statsStreamsOpen(server) === 0, 'no stats stream open');
  // The HTTP agent drops idle engine connections after a few seconds; wait for the count to settle.
  let last = -1;
  return waitFor(async () => {
    const n = engineConns();
    const settled = n === last;
    last = n;
    await new Promise((r) => setTimeout(r, 300));
    return settled ? { conns: n, stats: 0 } : null;
  }, 'the engine connection count to settle', 20_000);
}

/** A masked WebSocket text frame (clients must mask; a zero key leaves the bytes as they are). */
/** A client frame (masked with a zero key, which leaves the payload as it is). */
function maskedFrame(opcode: number, body: Buffer): Buffer {
  const head = body.length < 126 ? Buffer.from([0x80 | opcode, 0x80 | body.length]) : Buffer.from([0x80 | opcode, 0x80 | 126, body.length >> 8, body.length & 0xff]);
  return Buffer.concat([head, Buffer.alloc(4), body]);
}
const maskedTextFrame = (text: string) => maskedFrame(0x1, Buffer.from(text));

/**
 * Reads the server's frames after the handshake and answers its pings while `answering()` holds:
 * a client that was alive until the moment it went silent.
 */
function answerPings(sock: net.Socket, answering: () => boolean): void {
  let buf = Buffer.alloc(0);
  let upgraded = false;
  sock.on('data', (d: Buffer) => {
    buf = Buffer.concat([buf, d]);
    if (!upgraded) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      upgraded = true;
      buf = buf.subarray(end + 4);
    }
    for (;;) {
      if (buf.length < 2) return;
      const len7 = buf[1]! & 0x7f;
      const headLen = len7 === 126 ? 4 : len7 === 127 ? 10 : 2;
      if (buf.length < headLen) return;
      const len = len7 === 126 ? buf.readUInt16BE(2) : len7 === 127 ? Number(buf.readBigUInt64BE(2)) : len7;
      if (buf.length < headLen + len) return;
      const opcode = buf[0]! & 0x0f;
      if (opcode === 0x9 && answering()) sock.write(maskedFrame(0xa, buf.subarray(headLen, headLen + len)));
      buf = buf.subarray(headLen + len);
    }
  });
}

describe('vanished browsers', () => {
  it('finds a frozen tab by ping/pong and releases its exec, stats and log streams', async () => {
    const container = runContainer(t.label, t.name('frozen'), []);
    const base = await baseline();
    const c = await connect(server);
    await busyTab(c, container);
    expect(engineConns()).toBeGreaterThan(base.conns);
    const closed = new Promise((r) => c.ws.once('close', r));

    // Frozen: reads nothing (so it never sees a ping, let alone answers one) and sends nothing.
    c.tcp.pause();
    const frozeAt = Date.now();
    await onlyMainProcess(container);
    const execGoneAt = Date.now();
    await releasedAll(container, base);
    console.log(`vanished figures: frozen tab: exec ended ${execGoneAt - frozeAt} ms after it froze (heartbeat ${HEARTBEAT_MS} ms), all released after ${Date.now() - frozeAt} ms`);
    // The server hung up on it.
    c.tcp.resume();
    await closed;
  });

  it('finds a client that completed the upgrade and then went silent', async () => {
    const container = runContainer(t.label, t.name('silent'), []);
    const base = await baseline();
    const sock = net.connect(server.port, '127.0.0.1');
    let received = '';
    let serverClosed = false;
    sock.on('data', (d: Buffer) => (received += d.toString('latin1')));
    sock.on('close', () => (serverClosed = true));
    await new Promise((r) => sock.once('connect', r));
    sock.write(
      `GET /ws HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer ${server.token}\r\n\r\n`,
    );
    await waitFor(() => /^HTTP\/1\.1 101/.test(received), 'the upgrade');
    // It opens channels like a browser would and answers pings until they run (on a busy machine
    // an exec can take longer to start than a heartbeat), then never says anything again.
    let answering = true;
    answerPings(sock, () => answering);
    sock.write(maskedTextFrame(JSON.stringify({ op: 'open', ch: 1, kind: 'exec', params: { container, cmd: ['sh', '-c', 'sleep 1111 & exec sleep 2222'], cols: 80, rows: 24 } })));
    sock.write(maskedTextFrame(JSON.stringify({ op: 'open', ch: 2, kind: 'stats', params: { container } })));
    sock.write(maskedTextFrame(JSON.stringify({ op: 'open', ch: 3, kind: 'logs', params: { container: logger, tail: 5 } })));
    await waitFor(() => processes(container).length === 3, 'the exec processes to start');
    await waitFor(() => statsStreamsOpen(server) > base.stats, 'the stats stream to open');
    expect(serverClosed).toBe(false);
    answering = false;
    const silentAt = Date.now();
    await waitFor(() => serverClosed, 'the server to close the silent connection');
    const closedAt = Date.now();
    await releasedAll(container, base);
    console.log(`vanished figures: silent client: closed ${closedAt - silentAt} ms after its last word, all released after ${Date.now() - silentAt} ms`);
    sock.destroy();
  });

  it('releases everything after a TCP reset', async () => {
    const container = runContainer(t.label, t.name('reset'), []);
    const base = await baseline();
    const c = await connect(server);
    await busyTab(c, container);
    const resetAt = Date.now();
    c.tcp.resetAndDestroy(); // RST, not FIN: the tab's machine dropped the connection
    await onlyMainProcess(container);
    const execGoneAt = Date.now();
    await releasedAll(container, base);
    console.log(`vanished figures: TCP reset: exec ended ${execGoneAt - resetAt} ms after it, all released after ${Date.now() - resetAt} ms`);
  });
});

describe('channel churn', () => {
  // Live tabs only: the server's own heartbeat, so none of ten busy clients is taken for a vanished one.
  beforeAll(async () => {
    await server.stop();
    server = await startDockside([], { DOCKSIDE_DEBUG_STATS: '1' });
    pid = server.proc.pid!;
  });

  it('after hundreds of exec, logs and stats open/close cycles, engine connections, RSS and the containers are back to where they were', { timeout: 120_000 }, async () => {
    const CYCLES = Number(process.env.RELIABILITY_CYCLES ?? 200);
    const WORKERS = 10;
    const targets = [runContainer(t.label, t.name('churn-a'), []), runContainer(t.label, t.name('churn-b'), [])];

    /** A tab that opens a terminal, a stats view and a log, and closes them again, `n` times. */
    const worker = async (w: number, n: number) => {
      let c = await connect(server);
      let ch = 1;
      for (let i = 0; i < n; i++) {
        const container = targets[(w + i) % targets.length]!;
        const [exec, stats, logs] = [ch++, ch++, ch++];
        await Promise.all([
          openChannel(c, exec, 'exec', { container, cmd: ['sh'], cols: 80, rows: 24 }),
          openChannel(c, stats, 'stats', { container }),
          openChannel(c, logs, 'logs', { container: logger, tail: 1, follow: true }),
        ]);
        if (i % 4 === 3) {
          // Every fourth time the tab goes away instead (half politely, half by dropping TCP).
          const closed = new Promise((r) => c.ws.once('close', r));
          if (i % 8 === 3) c.ws.close();
          else c.ws.terminate();
          await closed;
          c = await connect(server);
          ch = 1;
        } else {
          for (const x of [exec, stats, logs]) c.send({ op: 'close', ch: x });
        }
      }
      c.ws.close();
    };

    // Warm up, then take the baseline.
    await Promise.all(Array.from({ length: 4 }, (_, w) => worker(w, 5)));
    for (const id of targets) await onlyMainProcess(id);
    const base = await baseline();
    const baseRss = rssMiB(pid);

    const startedAt = Date.now();
    await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w, CYCLES / WORKERS)));
    const churnMs = Date.now() - startedAt;
    const peakRss = rssMiB(pid);

    for (const id of targets) await onlyMainProcess(id, 30_000);
    const execsGoneMs = Date.now() - startedAt - churnMs;
    await waitFor(() => statsStreamsOpen(server) === 0, `the stats streams to close; ${statsStreamsOpen(server)} open`);
    const after = await waitFor(() => {
      const n = engineConns();
      return n <= floorOf(base) ? { conns: n } : null;
    }, `the engine connections to go back to ${floorOf(base)}; now ${engineConns()}`, 30_000);
    const afterRss = rssMiB(pid);
    console.log(
      `churn figures: ${CYCLES} cycles of exec + stats + logs in ${churnMs} ms (${WORKERS} at a time); last exec process gone ${execsGoneMs} ms later; ` +
        `engine connections ${base.conns} → ${after.conns}; RSS ${baseRss.toFixed(0)} MiB → peak ${peakRss.toFixed(0)} MiB → ${afterRss.toFixed(0)} MiB`,
    );
    expect(after.conns).toBeLessThanOrEqual(floorOf(base));
    for (const id of targets) expect(processes(id)).toHaveLength(1);
    expect(afterRss - baseRss).toBeLessThan(64);
  });
});
