import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TerminalPump } from './terminal-pump';

function setup(buffered = () => 0) {
  const source = new PassThrough();
  const sent: string[] = [];
  const pump = new TerminalPump(source, (p) => sent.push(p.toString()), buffered, {
    flushMs: 5,
    maxBatchBytes: 10,
    highWaterBytes: 100,
    lowWaterBytes: 20,
    pollMs: 10,
  });
  // PassThrough delivers 'data' on the next tick; the fake clock drives both.
  const write = async (s: string) => {
    source.write(s);
    await vi.advanceTimersByTimeAsync(0);
  };
  return { source, sent, pump, write };
}

describe('TerminalPump', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('coalesces small writes until the flush delay', async () => {
    const { sent, write } = setup();
    await write('a');
    await write('b');
    await write('c');
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(5);
    expect(sent).toEqual(['abc']);
  });

  it('sends at once when the batch is full', async () => {
    const { sent, write } = setup();
    await write('12345');
    await write('678901');
    expect(sent).toEqual(['12345678901']);
  });

  it('sends the first output after input immediately (the echo), then coalesces again', async () => {
    const { sent, pump, write } = setup();
    await write('prompt$ ');
    pump.noteInput(); // flushes what was waiting
    expect(sent).toEqual(['prompt$ ']);
    await write('l');
    expect(sent).toEqual(['prompt$ ', 'l']);
    await write('x');
    await write('y');
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(5);
    expect(sent).toEqual(['prompt$ ', 'l', 'xy']);
  });

  it('flush() sends the remainder (before the channel ends)', async () => {
    const { sent, pump, write } = setup();
    await write('tail');
    pump.flush();
    expect(sent).toEqual(['tail']);
  });

  it('pauses the source above the high watermark and resumes below the low one', async () => {
    let buffered = 0;
    const { source, pump, write, sent } = setup(() => buffered);
    buffered = 500;
    await write('0123456789');
    expect(sent).toHaveLength(1);
    expect(pump.paused).toBe(true);
    expect(source.isPaused()).toBe(true);
    buffered = 50; // below high, not yet below low
    await vi.advanceTimersByTimeAsync(30);
    expect(source.isPaused()).toBe(true);
    buffered = 10;
    await vi.advanceTimersByTimeAsync(10);
    expect(pump.paused).toBe(false);
    expect(source.isPaused()).toBe(false);
  });

  it('holds the source while the browser says it is behind, and only resumes when the socket is clear too', async () => {
    let buffered = 0;
    const { source, pump, write } = setup(() => buffered);
    pump.setPeerPaused(true);
    expect(source.isPaused()).toBe(true);
    pump.setPeerPaused(false);
    expect(source.isPaused()).toBe(false);
    buffered = 500;
    await write('0123456789'); // the socket is now over its watermark: paused for that reason
    pump.setPeerPaused(true);
    pump.setPeerPaused(false);
    expect(source.isPaused()).toBe(true); // the socket is still over its watermark
    buffered = 0;
    await vi.advanceTimersByTimeAsync(10);
    expect(source.isPaused()).toBe(false);
    pump.setPeerPaused(true);
    await vi.advanceTimersByTimeAsync(30);
    expect(source.isPaused()).toBe(true); // socket polling must not resume a browser-held stream
  });

  it('sends nothing after dispose', async () => {
    const { sent, pump, write } = setup();
    await write('x');
    pump.dispose();
    await vi.advanceTimersByTimeAsync(50);
    await write('y');
    expect(sent).toEqual([]);
  });
});
