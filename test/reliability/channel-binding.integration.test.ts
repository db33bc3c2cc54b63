import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, runContainer, testRun, waitFor } from '../support/docker-cli';
import { startDockside, type RunningServer } from '../support/dockside-server';
import { connect, openChannel, type Client } from './support';

/**
 * A terminal channel is bound to the one container it was opened for. Input, resize and close
 * frames name a channel id; they reach that channel's process and nothing else — not another
 * channel's container, not a channel of another socket — and an id that is not open is ignored.
 */
const t = testRun('rel-bind');
let server: RunningServer;
let a: string;
let b: string;
let tty: string;

beforeAll(async () => {
  a = runContainer(t.label, t.name('a'), []);
  b = runContainer(t.label, t.name('b'), []);
  tty = runContainer(t.label, t.name('tty'), ['-it'], 'dockside/busybox', ['sh']);
  server = await startDockside();
});
afterAll(async () => {
  await server?.stop();
  t.cleanup();
});

const has = (container: string, file: string) => {
  try {
    docker('exec', container, 'test', '-e', file);
    return true;
  } catch {
    return false;
  }
};

const waitOutput = (c: Client, ch: number, re: RegExp) =>
  waitFor(() => re.exec(c.output(ch)), `output matching ${re} on channel ${ch}; got ${JSON.stringify(c.output(ch).slice(-200))}`);

/** Raw binary frames: a 4-byte channel id (or fewer bytes), then the payload. */
function rawBinary(c: Client, idBytes: Buffer, payload: string): void {
  c.ws.send(Buffer.concat([idBytes, Buffer.from(payload)]), { binary: true });
}
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0, 0);
  return b;
};

describe('channel binding', () => {
  it('sends input and resizes only to the container a channel was opened for; unknown ids are ignored', { timeout: 60_000 }, async () => {
    const c = await connect(server);
    await openChannel(c, 1, 'exec', { container: a, cmd: ['sh'], cols: 80, rows: 24 });
    await openChannel(c, 2, 'exec', { container: b, cmd: ['sh'], cols: 80, rows: 24 });
    await openChannel(c, 3, 'attach', { container: tty, write: true, cols: 80, rows: 24 });
    await openChannel(c, 4, 'logs', { container: a, tail: 0, follow: true });

    // Input on channel 1 runs in A only.
    c.sendBinary(1, 'touch /marker-1; echo one-$((1+1))\r');
    await waitOutput(c, 1, /one-2\r\n/);
    expect(has(a, '/marker-1')).toBe(true);
    expect(has(b, '/marker-1')).toBe(false);
    expect(has(tty, '/marker-1')).toBe(false);

    // Input on the attach channel reaches the TTY container's shell only.
    c.sendBinary(3, 'touch /marker-3; echo three-$((1+2))\r');
    await waitOutput(c, 3, /three-3\r\n/);
    expect(has(tty, '/marker-3')).toBe(true);
    expect(has(a, '/marker-3') || has(b, '/marker-3')).toBe(false);

    // A resize of channel 1 changes A's terminal, not B's.
    c.send({ op: 'resize', ch: 1, cols: 111, rows: 33 });
    await waitFor(() => {
      c.sendBinary(1, 'stty size\r');
      return /33 111\r\n/.test(c.output(1));
    }, 'the new size in A');
    c.sendBinary(2, 'stty size; echo two-$((1+1))\r');
    await waitOutput(c, 2, /two-2\r\n/);
    expect(c.output(2)).toMatch(/\r\n24 80\r\n/);

    // Re-opening an open id for another container is refused; the channel stays on A.
    c.send({ op: 'open', ch: 1, kind: 'exec', params: { container: b, cmd: ['sh'], cols: 80, rows: 24 } });
    await c.waitFrame((f) => f.op === 'error' && f.ch === 1, 'the refusal of a second open on channel 1');
    c.sendBinary(1, 'touch /marker-reopen; echo again-$((2+2))\r');
    await waitOutput(c, 1, /again-4\r\n/);
    expect(has(a, '/marker-reopen')).toBe(true);
    expect(has(b, '/marker-reopen')).toBe(false);

    // Frames for channels that are not open, and malformed ones, are dropped without a word.
    const errorsBefore = c.frames.filter((f) => f.op === 'error').length;
    rawBinary(c, u32(99), 'touch /marker-ghost\r');
    rawBinary(c, u32(0), 'touch /marker-ghost\r');
    rawBinary(c, u32(0xffffffff), 'touch /marker-ghost\r');
    rawBinary(c, Buffer.from([0, 0]), ''); // shorter than a channel id
    c.sendBinary(4, 'touch /marker-ghost\r'); // a logs channel takes no input
    c.send({ op: 'resize', ch: 99, cols: 10, rows: 10 });
    c.send({ op: 'close', ch: 99 });

    // A second socket's channel 1 is not this socket's channel 1.
    const other = await connect(server);
    other.sendBinary(1, 'touch /marker-ghost\r');
    other.send({ op: 'resize', ch: 1, cols: 10, rows: 10 });
    other.send({ op: 'close', ch: 1 });
    // A round trip on that socket: the frames before it have been dealt with by then.
    await openChannel(other, 2, 'exec', { container: b, cmd: ['echo', 'other-done'], cols: 80, rows: 24 });
    await waitOutput(other, 2, /other-done/);

    // Both terminals still answer, at the sizes they had; nothing ran anywhere.
    c.sendBinary(1, 'stty size; echo alive-$((1+4))\r');
    c.sendBinary(2, 'stty size; echo alive-$((2+4))\r');
    await waitOutput(c, 1, /33 111\r\nalive-5\r\n/);
    await waitOutput(c, 2, /24 80\r\nalive-6\r\n/);
    for (const container of [a, b, tty]) expect(has(container, '/marker-ghost'), `marker in ${container}`).toBe(false);
    expect(c.frames.filter((f) => f.op === 'error').length).toBe(errorsBefore);
    expect(other.frames.filter((f) => f.op === 'error')).toEqual([]);
    expect(c.ws.readyState).toBe(c.ws.OPEN);
    expect(other.ws.readyState).toBe(other.ws.OPEN);
    c.ws.close();
    other.ws.close();
  });
});
