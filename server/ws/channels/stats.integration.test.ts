import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerFrame } from '../../../lib/protocol/frames';
import type { StatsSample } from '../../../lib/protocol/streams';
import { docker, dockerAsync, runContainer, createContainer, testRun, waitFor } from '../../../test/support/docker-cli';
import { startDockside, type RunningServer } from '../../../test/support/dockside-server';

/**
 * The stats channels end to end: the real server, a real WebSocket, the sandbox engine, and the
 * docker CLI as the oracle for the numbers.
 *
 * Stream sharing is checked through the hub's test hook: with DOCKSIDE_DEBUG_STATS=1 the server
 * logs "stats streams open: N" each time the number of engine stats streams it holds changes.
 */
const t = testRun('stats');
let server: RunningServer;
let busyId: string;

class Socket {
  readonly frames: ServerFrame[] = [];
  private readonly ws: WebSocket;
  readonly ready: Promise<void>;
  constructor(s: RunningServer) {
    this.ws = new WebSocket(`${s.url.replace('http', 'ws')}/ws`, { headers: { Authorization: `Bearer ${s.token}` } });
    this.ws.on('message', (data, isBinary) => {
      if (!isBinary) this.frames.push(JSON.parse(data.toString()) as ServerFrame);
    });
    this.ready = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
  }
  send(frame: unknown): void {
    this.ws.send(JSON.stringify(frame));
  }
  on(ch: number): ServerFrame[] {
    return this.frames.filter((f) => 'ch' in f && f.ch === ch);
  }
  samples(ch: number): StatsSample[] {
    return this.on(ch).flatMap((f) => (f.op === 'stats' ? [f.sample] : []));
  }
  batches(ch: number): StatsSample[][] {
    return this.on(ch).flatMap((f) => (f.op === 'stats-batch' ? [f.samples] : []));
  }
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

const sockets: Socket[] = [];

async function connect(): Promise<Socket> {
  const s = new Socket(server);
  sockets.push(s);
  await s.ready;
  return s;
}

/** How many times the server's stream count changed: unchanged means no stream opened or closed. */
const streamCountChanges = () => [...server.output().matchAll(/stats streams open: \d+/g)].length;

/** The engine stats streams the server holds, from its last "stats streams open: N" line. */
function openStreams(): number {
  const all = [...server.output().matchAll(/stats streams open: (\d+)/g)];
  return all.length ? Number(all.at(-1)![1]) : 0;
}

/** "480KiB" → bytes, as the docker CLI prints memory (binary units). */
function parseCliSize(s: string): number {
  const m = /^([\d.]+)\s*([KMGT]i?B|B)$/.exec(s.trim());
  if (!m) throw new Error(`Unparseable size "${s}"`);
  const pow = { B: 0, KiB: 1, MiB: 2, GiB: 3, TiB: 4, KB: 1, MB: 2, GB: 3, TB: 4 }[m[2]!] ?? 0;
  return Number(m[1]) * (m[2]!.includes('i') || m[2] === 'B' ? 1024 : 1000) ** pow;
}

beforeAll(async () => {
  busyId = runContainer(t.label, t.name('busy'), [], 'dockside/busybox', ['sh', '-c', 'while true; do :; done']);
  server = await startDockside([], { DOCKSIDE_DEBUG_STATS: '1' });
});

// A failed test must not leave its sockets (and so engine streams) open for the next one.
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.close()));
});

afterAll(async () => {
  await server?.stop();
  t.cleanup();
});

describe('stats channel', () => {
  it('reports CPU and memory as `docker stats` does for a busy container', async () => {
    const s = await connect();
    s.send({ op: 'open', ch: 1, kind: 'stats', params: { container: t.name('busy') } });
    // Several samples, so the CPU % is over a full second of the loop, not the first (0 %) one.
    await waitFor(() => s.samples(1).length >= 3, 'three stats samples');
    const cli = JSON.parse(await dockerAsync('stats', '--no-stream', '--format', '{{json .}}', busyId)) as { CPUPerc: string; MemUsage: string };
    const ours = s.samples(1).at(-1)!;
    expect(s.on(1)[0]).toMatchObject({ op: 'opened' });
    expect(ours.id).toBe(busyId);
    expect(ours.name).toBe(t.name('busy'));

    const cliCpu = parseFloat(cli.CPUPerc);
    // One spinning shell keeps one CPU busy: both near 100 %. The point is the formula, not timing.
    expect(cliCpu > 50 && ours.cpuPercent > 50 || Math.abs(cliCpu - ours.cpuPercent) < 30).toBe(true);
    expect(ours.cpuPercent).toBeLessThanOrEqual(100 * (ours.onlineCpus ?? 1) + 5);

    const [cliUsed, cliLimit] = cli.MemUsage.split('/').map(parseCliSize) as [number, number];
    expect(Math.abs(ours.memoryLimitBytes - cliLimit) / cliLimit).toBeLessThan(0.01);
    expect(Math.abs(ours.memoryBytes - cliUsed)).toBeLessThan(Math.max(1024 * 1024, cliUsed * 0.3));
    expect(ours.memoryPercent).toBeCloseTo((ours.memoryBytes / ours.memoryLimitBytes) * 100, 6);
    expect(ours.pids).toBeGreaterThanOrEqual(1);
    await s.close();
  });

  it('shares one engine stream between two sockets, and drops it a grace period after both leave', async () => {
    const a = await connect();
    const b = await connect();
    a.send({ op: 'open', ch: 7, kind: 'stats', params: { container: busyId } });
    b.send({ op: 'open', ch: 3, kind: 'stats', params: { container: busyId.slice(0, 12) } });
    await waitFor(() => a.samples(7).length >= 2 && b.samples(3).length >= 2, 'samples on both sockets');
    expect(openStreams()).toBe(1);
    // Both sockets see the very same samples from the one stream.
    const times = (s: StatsSample[]) => new Set(s.map((x) => x.time));
    const shared = [...times(a.samples(7))].filter((x) => times(b.samples(3)).has(x));
    expect(shared.length).toBeGreaterThanOrEqual(1);

    a.send({ op: 'close', ch: 7 });
    await b.close();
    await waitFor(() => openStreams() === 0, 'the engine stream to close after the grace period', 20_000);
    await a.close();
  });

  it('ends with reason "exited" when the container stops while watched', async () => {
    const id = runContainer(t.label, t.name('stopper'), []);
    const s = await connect();
    s.send({ op: 'open', ch: 2, kind: 'stats', params: { container: id } });
    await waitFor(() => s.samples(2).length >= 1, 'a first sample');
    await dockerAsync('kill', id);
    const end = await waitFor(() => s.on(2).find((f) => f.op === 'end'), 'the end frame');
    expect(end).toMatchObject({ op: 'end', ch: 2, reason: 'exited' });
    await waitFor(() => openStreams() === 0, 'the stream to close');
    await s.close();
  });

  it('ends at once for a stopped container and errors for an unknown one', async () => {
    const stopped = createContainer(t.label, t.name('created'));
    const changes = streamCountChanges();
    const s = await connect();
    s.send({ op: 'open', ch: 4, kind: 'stats', params: { container: stopped } });
    s.send({ op: 'open', ch: 5, kind: 'stats', params: { container: `${t.name('missing')}` } });
    await waitFor(() => s.on(4).some((f) => f.op === 'end') && s.on(5).length > 0, 'both answers');
    expect(s.on(4).map((f) => f.op)).toEqual(['opened', 'end']);
    expect(s.on(4)[1]).toMatchObject({ reason: 'exited' });
    expect(s.on(5)).toEqual([expect.objectContaining({ op: 'error', code: 'not_found' })]);
    expect(streamCountChanges()).toBe(changes);
    await s.close();
  });
});

describe('stats-all channel', () => {
  it('batches exactly the running containers, follows starts and stops, and leaves nothing open', async () => {
    const one = runContainer(t.label, t.name('all-1'), []);
    const two = runContainer(t.label, t.name('all-2'), []);
    const ours = () => new Set(docker('ps', '-aq', '--no-trunc', '--filter', `label=${t.label}`).split('\n').filter(Boolean));
    const s = await connect();
    s.send({ op: 'open', ch: 9, kind: 'stats-all' });

    const mine = (batch: StatsSample[]) => {
      const ids = ours();
      return batch.filter((x) => ids.has(x.id)).map((x) => x.id).sort();
    };
    await waitFor(() => s.batches(9).some((b) => mine(b).length === 3), 'a batch with the running test containers');
    expect(mine(s.batches(9).at(-1)!)).toEqual([busyId, one, two].sort());

    // A container that stops leaves the batch; one that starts joins it.
    await dockerAsync('kill', one);
    const three = runContainer(t.label, t.name('all-3'), []);
    const before = s.batches(9).length;
    await waitFor(() => {
      const b = s.batches(9);
      return b.length > before && mine(b.at(-1)!).join() === [busyId, two, three].sort().join();
    }, 'the batch to follow the kill and the start');

    await s.close();
    await waitFor(() => openStreams() === 0, 'every stream to close after the grace period', 20_000);
  });
});
