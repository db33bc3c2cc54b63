import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerFrame } from '../protocol/frames';
import { encodeLogLines, type LogLine } from '../protocol/streams';
import type { ChannelHandlers, MuxClient, OpenSpec } from '../ws-client/mux-client';
import { LogSession } from './log-session';

/** Stands in for the tab's socket: records opens, lets the test play the server and the network. */
class FakeMux {
  channels: Array<{ spec: () => OpenSpec; handlers: ChannelHandlers; closed: boolean; sent: OpenSpec[] }> = [];
  open(spec: () => OpenSpec, handlers: ChannelHandlers) {
    const c = { spec, handlers, closed: false, sent: [spec()] };
    this.channels.push(c);
    return { ch: this.channels.length, close: () => void (c.closed = true) };
  }
  /** The socket dropped and came back: open channels are re-opened from a fresh spec. */
  reconnect() {
    for (const c of this.channels.filter((x) => !x.closed)) {
      c.sent.push(c.spec());
      c.handlers.onReconnect?.();
    }
  }
}

const t = (s: number) => `2026-01-02T15:04:${String(s).padStart(2, '0')}.000000000Z`;
const out = (s: number, text: string): LogLine => ({ stream: 'stdout', time: t(s), text });
const bytes = (lines: LogLine[]) => new TextEncoder().encode(encodeLogLines(lines));
const texts = (s: LogSession) => s.buffer.entries.map((e) => (e.kind === 'line' ? e.text : `[${e.kind}]`));

let mux: FakeMux;
let session: LogSession;
const channel = (i = 0) => mux.channels[i]!;
const server = (i: number, frame: ServerFrame) => channel(i).handlers.onFrame(frame);
const flush = () => vi.advanceTimersByTime(300);

beforeEach(() => {
  vi.useFakeTimers();
  mux = new FakeMux();
  session = new LogSession(mux as unknown as MuxClient, 'web', { tail: 100 });
  session.start();
});
afterEach(() => {
  session.dispose();
  vi.useRealTimers();
});

describe('LogSession', () => {
  it('opens with the query, then batches lines into the buffer', () => {
    expect(channel().sent[0]).toEqual({ kind: 'logs', params: { container: 'web', tail: 100, since: undefined, until: undefined, follow: true } });
    server(0, { op: 'opened', ch: 1 });
    channel().handlers.onBinary!(bytes([out(1, 'a'), out(2, 'b')]));
    channel().handlers.onBinary!(bytes([out(3, 'c')]));
    expect(session.buffer.entries).toHaveLength(0);
    const v = session.version;
    flush();
    expect(texts(session)).toEqual(['a', 'b', 'c']);
    expect(session.version).toBe(v + 1);
    expect(session.status).toBe('streaming');
  });

  it('resumes from the last timestamp after a reconnect and drops what comes twice', () => {
    channel().handlers.onBinary!(bytes([out(1, 'a'), out(2, 'b'), out(2, 'b2')]));
    mux.reconnect();
    expect(channel().sent[1]).toMatchObject({ params: { tail: 'all', since: t(2), follow: true } });
    expect(session.status).toBe('connecting');
    channel().handlers.onBinary!(bytes([out(2, 'b'), out(2, 'b2'), out(3, 'c')]));
    flush();
    expect(texts(session)).toEqual(['a', 'b', 'b2', 'c']);
  });

  it('marks the exit with its code and re-opens after a restart, continuing', () => {
    channel().handlers.onBinary!(bytes([out(1, 'a')]));
    server(0, { op: 'end', ch: 1, reason: 'exited', exitCode: 137 });
    expect(texts(session)).toEqual(['a', '[exited]']);
    expect(session.status).toBe('ended');
    expect(channel(0).closed).toBe(true);
    session.containerRestarted();
    expect(channel(1).sent[0]).toMatchObject({ params: { since: t(1), tail: 'all' } });
    channel(1).handlers.onBinary!(bytes([out(1, 'a'), out(5, 'again')]));
    flush();
    expect(texts(session)).toEqual(['a', '[exited]', 'again']);
  });

  it('continues a followed log when the engine returns, unless the container had exited', () => {
    channel().handlers.onBinary!(bytes([out(1, 'a')]));
    server(0, { op: 'end', ch: 1, reason: 'closed' });
    session.engineReturned();
    expect(mux.channels).toHaveLength(2);
    expect(channel(1).sent[0]).toMatchObject({ params: { since: t(1), tail: 'all', follow: true } });
    server(1, { op: 'end', ch: 2, reason: 'exited', exitCode: 0 });
    session.engineReturned();
    expect(mux.channels).toHaveLength(2);
  });

  it('shows a skipped marker where the server dropped lines', () => {
    channel().handlers.onBinary!(bytes([out(1, 'a')]));
    server(0, { op: 'skipped', ch: 1, count: 12 });
    channel().handlers.onBinary!(bytes([out(9, 'z')]));
    flush();
    expect(session.buffer.entries[1]).toMatchObject({ kind: 'skipped', count: 12 });
  });

  it('keeps an error for the view when nothing was shown yet', () => {
    server(0, { op: 'error', ch: 1, code: 'not_found', message: 'No such container: web' });
    expect(session.status).toBe('error');
    expect(session.error).toEqual({ code: 'not_found', message: 'No such container: web' });
    expect(session.buffer.entries).toHaveLength(0);
  });

  it('loads earlier lines before the first one, without repeating the boundary', () => {
    channel().handlers.onBinary!(bytes([out(5, 'e'), out(6, 'f')]));
    flush();
    session.loadEarlier();
    expect(session.loadingEarlier).toBe(true);
    expect(channel(1).sent[0]).toMatchObject({ params: { until: '2026-01-02T15:04:06Z', follow: false, tail: 1001 } });
    channel(1).handlers.onBinary!(bytes([out(3, 'c'), out(4, 'd'), out(5, 'e')]));
    server(1, { op: 'end', ch: 2, reason: 'closed' });
    expect(texts(session)).toEqual(['c', 'd', 'e', 'f']);
    expect(session.reachedStart).toBe(true);
    expect(session.loadingEarlier).toBe(false);
  });
});
