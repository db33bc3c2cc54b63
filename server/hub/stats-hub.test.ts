import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineEvent } from '../../lib/protocol/events';
import type { StatsSample } from '../../lib/protocol/streams';
import { EngineError } from '../engine/errors';
import type { StatsStream } from '../engine';
import { StatsHub, type StatsSource, type StatsViewer } from './stats-hub';

/** A stream the test drives: `emit` a sample, `fail` or `finish` it as the engine would. */
class FakeStream implements StatsStream {
  closed = false;
  done: Promise<void>;
  private settle!: { resolve: () => void; reject: (e: unknown) => void };
  constructor(
    readonly id: string,
    private readonly onSample: (s: StatsSample | null) => void,
  ) {
    this.done = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
  }
  emit(sample: StatsSample | null): void {
    if (!this.closed) this.onSample(sample);
  }
  fail(err: unknown): void {
    this.closed = true;
    this.settle.reject(err);
  }
  finish(): void {
    this.closed = true;
    this.settle.resolve();
  }
  close(): void {
    this.closed = true;
    this.settle.resolve();
  }
}

/** One layer above the engine: containers by id, each running or not. */
class FakeSource implements StatsSource {
  running = new Map<string, boolean>();
  streams: FakeStream[] = [];
  failFollow = 0;
  /** The engine is down: every call fails as the real one would. */
  down = false;
  async resolve(ref: string) {
    if (this.down) throw new EngineError('engine_unreachable', 'down');
    const running = this.running.get(ref);
    if (running === undefined) throw new EngineError('not_found', `No such container: ${ref}`);
    return { id: ref, running };
  }
  async follow(id: string, onSample: (s: StatsSample | null) => void) {
    if (this.failFollow > 0) {
      this.failFollow--;
      throw new EngineError('engine_unreachable', 'down');
    }
    const s = new FakeStream(id, onSample);
    this.streams.push(s);
    return s;
  }
  async listRunning() {
    return [...this.running].filter(([, r]) => r).map(([id]) => id);
  }
  open(id?: string): FakeStream[] {
    return this.streams.filter((s) => !s.closed && (id === undefined || s.id === id));
  }
}

const sample = (id: string, cpuPercent = 1): StatsSample => ({
  id,
  name: id,
  time: 0,
  cpuPercent,
  memoryBytes: 1,
  memoryLimitBytes: 10,
  memoryPercent: 10,
  netRxBytes: 0,
  netTxBytes: 0,
  blockReadBytes: 0,
  blockWriteBytes: 0,
  pids: 1,
});

function recorder(): StatsViewer & { samples: StatsSample[]; ended: string[] } {
  const r = {
    samples: [] as StatsSample[],
    ended: [] as string[],
    onSample: (s: StatsSample) => void r.samples.push(s),
    onEnd: (reason: string) => void r.ended.push(reason),
  };
  return r;
}

let source: FakeSource;
let emitEvent: (e: Partial<EngineEvent>) => void;
let hub: StatsHub;

beforeEach(() => {
  vi.useFakeTimers();
  source = new FakeSource();
  let listener: (e: EngineEvent) => void = () => undefined;
  emitEvent = (e) => listener({ type: 'container', action: '', id: '', timeNano: 0, attributes: {}, ...e });
  hub = new StatsHub({
    source,
    onEvent: (fn) => {
      listener = fn;
      return () => (listener = () => undefined);
    },
    graceMs: 5000,
    batchMs: 1000,
    retryMinMs: 1000,
    retryMaxMs: 4000,
  });
});

afterEach(() => {
  hub.stop();
  vi.useRealTimers();
});

/** Lets the fake source's promises settle. */
const flush = () => vi.advanceTimersByTimeAsync(0);

/** A running container watched by two viewers, once the stream is open. */
async function twoViewersOfRunning(id: string) {
  source.running.set(id, true);
  const viewers = [recorder(), recorder()] as const;
  for (const v of viewers) await hub.watch(id, v);
  await flush();
  return viewers;
}

describe('StatsHub: one stream per container', () => {
  it('shares one engine stream between viewers and fans samples out', async () => {
    const [v1, v2] = await twoViewersOfRunning('a');
    expect(source.streams).toHaveLength(1);
    expect(hub.openStreams).toBe(1);
    source.streams[0]!.emit(sample('a', 42));
    expect(v1.samples.map((s) => s.cpuPercent)).toEqual([42]);
    expect(v2.samples.map((s) => s.cpuPercent)).toEqual([42]);
    // A third viewer gets the last sample at once.
    const w3 = await hub.watch('a', recorder());
    expect(w3.latest?.cpuPercent).toBe(42);
  });

  it('closes the stream a grace period after the last viewer leaves, and reuses it within the grace', async () => {
    source.running.set('a', true);
    const w1 = await hub.watch('a', recorder());
    const w2 = await hub.watch('a', recorder());
    await flush();
    w1.release();
    w2.release();
    await vi.advanceTimersByTimeAsync(4000);
    expect(hub.openStreams).toBe(1);
    const w3 = await hub.watch('a', recorder());
    await vi.advanceTimersByTimeAsync(10_000);
    expect(hub.openStreams).toBe(1);
    expect(hub.streamsOpened).toBe(1);
    w3.release();
    w3.release(); // Idempotent: a double release must not break the count.
    await vi.advanceTimersByTimeAsync(5000);
    expect(hub.openStreams).toBe(0);
    expect(hub.feedCount).toBe(0);
    expect(source.open()).toHaveLength(0);
  });

  it('opens no stream for a container that is not running, and rejects an unknown one', async () => {
    source.running.set('stopped', false);
    const w = await hub.watch('stopped', recorder());
    expect(w.running).toBe(false);
    await flush();
    expect(source.streams).toHaveLength(0);
    await expect(hub.watch('nope', recorder())).rejects.toMatchObject({ code: 'not_found' });
  });

  it('ends every viewer with "exited" on a die event and drops the stream at once', async () => {
    const [v1, v2] = await twoViewersOfRunning('a');
    emitEvent({ action: 'die', id: 'a' });
    expect(v1.ended).toEqual(['exited']);
    expect(v2.ended).toEqual(['exited']);
    expect(hub.openStreams).toBe(0);
    expect(source.open()).toHaveLength(0);
  });

  it('ends with "exited" when the engine streams the zero samples of a stopped container', async () => {
    source.running.set('a', true);
    const v = recorder();
    await hub.watch('a', v);
    await flush();
    source.streams[0]!.emit(null);
    expect(v.ended).toEqual(['exited']);
    expect(hub.openStreams).toBe(0);
  });

  it('ends with "exited" when the stream ends and the container no longer runs', async () => {
    source.running.set('a', true);
    const v = recorder();
    await hub.watch('a', v);
    await flush();
    source.running.set('a', false);
    source.streams[0]!.finish();
    await flush();
    expect(v.ended).toEqual(['exited']);
  });

  it('retries a failing stream with capped backoff while viewers remain', async () => {
    source.running.set('a', true);
    const v = recorder();
    source.failFollow = 3;
    await hub.watch('a', v);
    await flush();
    expect(source.streams).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1000); // 1st retry (fails)
    await vi.advanceTimersByTimeAsync(2000); // 2nd retry (fails)
    expect(source.streams).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(3999);
    expect(source.streams).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1); // 3rd retry after the capped 4 s: succeeds
    expect(source.streams).toHaveLength(1);
    source.streams[0]!.emit(sample('a'));
    expect(v.samples).toHaveLength(1);
    // A stream that breaks later reconnects from the minimum delay again.
    source.streams[0]!.fail(new Error('ECONNRESET'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(source.open('a')).toHaveLength(1);
    expect(v.ended).toEqual([]);
  });

  it('stops retrying once nobody watches', async () => {
    source.running.set('a', true);
    source.failFollow = 100;
    const w = await hub.watch('a', recorder());
    await flush();
    w.release();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(hub.feedCount).toBe(0);
    expect(source.failFollow).toBeGreaterThan(90);
  });
});

describe('StatsHub: the overview (stats-all)', () => {
  it('batches the latest sample of every running container once per tick', async () => {
    source.running.set('a', true);
    source.running.set('b', true);
    source.running.set('off', false);
    const batches: StatsSample[][] = [];
    const stop = hub.watchAll({ onBatch: (s) => batches.push(s) });
    await flush();
    expect(source.open().map((s) => s.id).sort()).toEqual(['a', 'b']);
    source.open('a')[0]!.emit(sample('a', 1));
    source.open('a')[0]!.emit(sample('a', 2));
    source.open('b')[0]!.emit(sample('b', 3));
    await vi.advanceTimersByTimeAsync(1000);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.map((s) => [s.id, s.cpuPercent])).toEqual([
      ['a', 2],
      ['b', 3],
    ]);

    // A container that starts joins; one that dies leaves.
    source.running.set('c', true);
    emitEvent({ action: 'start', id: 'c' });
    await flush();
    source.open('c')[0]!.emit(sample('c'));
    emitEvent({ action: 'die', id: 'a' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(batches.at(-1)!.map((s) => s.id)).toEqual(['b', 'c']);

    stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(hub.openStreams).toBe(0);
    const n = batches.length;
    await vi.advanceTimersByTimeAsync(3000);
    expect(batches).toHaveLength(n);
  });

  it('waits a little for first samples before the first batch, then sends what it has', async () => {
    source.running.set('a', true);
    const batches: StatsSample[][] = [];
    hub.watchAll({ onBatch: (s) => batches.push(s) });
    await vi.advanceTimersByTimeAsync(3000);
    expect(batches).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(batches).toEqual([[]]);
  });

  it('drops a sample whose stream was lost with the engine, and takes the container back when it answers', async () => {
    source.running.set('a', true);
    const batches: StatsSample[][] = [];
    hub.watchAll({ onBatch: (s) => batches.push(s) });
    await flush();
    source.open('a')[0]!.emit(sample('a', 5));
    await vi.advanceTimersByTimeAsync(1000);
    expect(batches.at(-1)!.map((s) => s.id)).toEqual(['a']);

    // The engine stops before its die event reaches us: the stream just breaks.
    source.down = true;
    source.failFollow = 2;
    source.open('a')[0]!.fail(new EngineError('engine_unreachable', 'socket hang up'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(batches.at(-1)).toEqual([]);

    source.down = false;
    await vi.advanceTimersByTimeAsync(8000); // retries: two fail, the next one opens
    source.open('a')[0]!.emit(sample('a', 7));
    await vi.advanceTimersByTimeAsync(1000);
    expect(batches.at(-1)!.map((s) => [s.id, s.cpuPercent])).toEqual([['a', 7]]);
  });

  it('sends an empty batch when nothing runs', async () => {
    const batches: StatsSample[][] = [];
    hub.watchAll({ onBatch: (s) => batches.push(s) });
    await vi.advanceTimersByTimeAsync(1000);
    expect(batches).toEqual([[]]);
  });

  it('shares streams with per-container viewers and with other overview viewers', async () => {
    source.running.set('a', true);
    const w = await hub.watch('a', recorder());
    const stop1 = hub.watchAll({ onBatch: () => undefined });
    const stop2 = hub.watchAll({ onBatch: () => undefined });
    await flush();
    expect(hub.openStreams).toBe(1);
    stop1();
    stop2();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(hub.openStreams).toBe(1); // Still watched by `w`.
    w.release();
    await vi.advanceTimersByTimeAsync(5000);
    expect(hub.openStreams).toBe(0);
  });

  it('stop() closes everything', async () => {
    source.running.set('a', true);
    source.running.set('b', true);
    hub.watchAll({ onBatch: () => undefined });
    await hub.watch('a', recorder());
    await flush();
    expect(hub.openStreams).toBe(2);
    hub.stop();
    expect(hub.openStreams).toBe(0);
    expect(source.open()).toHaveLength(0);
  });
});
