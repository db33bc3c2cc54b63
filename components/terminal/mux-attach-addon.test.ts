import type { Terminal } from '@xterm/xterm';
import { describe, expect, it } from 'vitest';
import type { ClientFrame, ServerFrame } from '@/lib/protocol/frames';
import type { ChannelHandlers, ConnectionState, MuxClient, OpenSpec } from '@/lib/ws-client/mux-client';
import { MuxAttachAddon, type SessionState } from './mux-attach-addon';

/** Just enough of MuxClient and xterm's Terminal to watch what the addon does with them. */
function fakes() {
  const sent: ClientFrame[] = [];
  const binary: Array<{ ch: number; text: string }> = [];
  const opened: OpenSpec[] = [];
  const closed: number[] = [];
  let handlers: ChannelHandlers | null = null;
  const stateListeners = new Set<(s: ConnectionState) => void>();
  const mux = {
    open(spec: () => OpenSpec, h: ChannelHandlers) {
      opened.push(spec());
      handlers = h;
      return { ch: 7, close: () => closed.push(7) };
    },
    send: (f: ClientFrame) => sent.push(f),
    sendBinary: (ch: number, p: Uint8Array) => binary.push({ ch, text: new TextDecoder().decode(p) }),
    onState(fn: (s: ConnectionState) => void) {
      stateListeners.add(fn);
      return () => stateListeners.delete(fn);
    },
  } as unknown as MuxClient;

  type Listener<T> = (v: T) => void;
  const listeners = { data: new Set<Listener<string>>(), binary: new Set<Listener<string>>(), resize: new Set<Listener<{ cols: number; rows: number }>>() };
  const on =
    <T>(set: Set<Listener<T>>) =>
    (fn: Listener<T>) => {
      set.add(fn);
      return { dispose: () => set.delete(fn) };
    };
  const written: Array<string | Uint8Array> = [];
  const renderCallbacks: Array<() => void> = [];
  const term = {
    cols: 100,
    rows: 30,
    write: (d: string | Uint8Array, cb?: () => void) => {
      written.push(d);
      if (cb) renderCallbacks.push(cb);
    },
    onData: on(listeners.data),
    onBinary: on(listeners.binary),
    onResize: on(listeners.resize),
  } as unknown as Terminal;

  return {
    mux,
    term,
    sent,
    binary,
    opened,
    closed,
    written,
    renderCallbacks,
    listeners,
    serverSends: (f: ServerFrame) => handlers!.onFrame(f),
    serverSendsBytes: (p: Uint8Array) => handlers!.onBinary!(p),
    socketState: (s: ConnectionState) => stateListeners.forEach((fn) => fn(s)),
  };
}

function attach(input: boolean) {
  const f = fakes();
  const states: SessionState[] = [];
  const addon = new MuxAttachAddon(f.mux, {
    input,
    onState: (s) => states.push(s),
    spec: ({ cols, rows }) => ({ kind: 'exec', params: { container: 'c1', cols, rows } }),
  });
  addon.activate(f.term);
  return { ...f, addon, states };
}

describe('MuxAttachAddon', () => {
  it('opens with the terminal size and sends the size again once opened', () => {
    const f = attach(true);
    expect(f.opened).toEqual([{ kind: 'exec', params: { container: 'c1', cols: 100, rows: 30 } }]);
    f.serverSends({ op: 'opened', ch: 7 });
    expect(f.states.at(-1)).toEqual({ status: 'open' });
    expect(f.sent).toEqual([{ op: 'resize', ch: 7, cols: 100, rows: 30 }]);
  });

  it('writes output bytes to the terminal and sends keystrokes as UTF-8 binary frames', () => {
    const f = attach(true);
    const bytes = new TextEncoder().encode('héllo');
    f.serverSendsBytes(bytes);
    expect(f.written).toEqual([bytes]);
    f.listeners.data.forEach((fn) => fn('ls é\r'));
    f.listeners.binary.forEach((fn) => fn('\x1b[M !!'));
    expect(f.binary).toEqual([
      { ch: 7, text: 'ls é\r' },
      { ch: 7, text: '\x1b[M !!' },
    ]);
  });

  it('asks the server to hold output while xterm is far behind on rendering, and to resume once it caught up', () => {
    const f = attach(true);
    const chunk = new Uint8Array(200 * 1024);
    for (let i = 0; i < 3; i++) f.serverSendsBytes(chunk);
    expect(f.sent).toEqual([{ op: 'flow', ch: 7, paused: true }]);
    f.renderCallbacks.splice(0, 2).forEach((cb) => cb()); // 200 KiB still unrendered
    expect(f.sent).toHaveLength(1);
    f.renderCallbacks.splice(0).forEach((cb) => cb());
    expect(f.sent).toEqual([
      { op: 'flow', ch: 7, paused: true },
      { op: 'flow', ch: 7, paused: false },
    ]);
  });

  it('sends resizes', () => {
    const f = attach(true);
    f.listeners.resize.forEach((fn) => fn({ cols: 120, rows: 40 }));
    expect(f.sent).toEqual([{ op: 'resize', ch: 7, cols: 120, rows: 40 }]);
  });

  it('sends no keystrokes when output-only', () => {
    const f = attach(false);
    expect(f.listeners.data.size).toBe(0);
    expect(f.listeners.binary.size).toBe(0);
  });

  it('reports the exit code and lets go of the channel and the terminal', () => {
    const f = attach(true);
    f.serverSends({ op: 'end', ch: 7, reason: 'exited', exitCode: 3 });
    expect(f.states.at(-1)).toEqual({ status: 'ended', reason: 'exited', exitCode: 3, message: undefined });
    expect(f.closed).toEqual([7]);
    expect(f.listeners.data.size + f.listeners.resize.size).toBe(0);
  });

  it('reports errors', () => {
    const f = attach(true);
    f.serverSends({ op: 'error', ch: 7, code: 'forbidden', message: 'read-only' });
    expect(f.states.at(-1)).toEqual({ status: 'error', code: 'forbidden', message: 'read-only' });
    expect(f.closed).toEqual([7]);
  });

  it('ends the session when the socket drops instead of re-opening a new process later', () => {
    const f = attach(true);
    f.socketState('closed');
    expect(f.states.at(-1)).toEqual({ status: 'disconnected' });
    expect(f.closed).toEqual([7]);
    f.addon.dispose();
    expect(f.closed).toEqual([7]);
  });
});
