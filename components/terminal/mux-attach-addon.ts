import type { IDisposable, ITerminalAddon, Terminal } from '@xterm/xterm';
import type { ErrorCode } from '@/lib/protocol/errors';
import type { MuxClient, OpenSpec } from '@/lib/ws-client/mux-client';

export type TerminalOpenSpec = Extract<OpenSpec, { kind: 'exec' | 'attach' }>;

/** Where a terminal session stands, as the view shows it. */
export type SessionState =
  | { status: 'connecting' }
  | { status: 'open' }
  | { status: 'ended'; reason?: 'exited' | 'closed' | 'error'; exitCode?: number; message?: string }
  | { status: 'error'; code: ErrorCode; message: string }
  | { status: 'disconnected' };

export interface MuxAttachOptions {
  /** Builds the `open` frame for the terminal's size at that moment. */
  spec(size: { cols: number; rows: number }): TerminalOpenSpec;
  /** Forward keystrokes (exec, or attach with "send input"); off = output only. */
  input: boolean;
  onState(state: SessionState): void;
}

/**
 * xterm.js's AttachAddon, over a Dockside mux channel instead of a socket of its own: output
 * arrives as binary frames and is written as bytes (xterm decodes UTF-8), keystrokes leave as
 * binary frames, and the terminal's size is sent on open and on every resize.
 *
 * A session does not survive a dropped socket (the server hangs an exec up when its socket goes),
 * so the channel is released then rather than silently re-opened as a new process on reconnect.
 */
// xterm.js flow control: bytes handed to term.write() but not yet rendered. Above HIGH the server
// holds the process's output; below LOW it lets it flow again. A `yes` in the shell then costs a
// bounded amount of browser memory instead of an ever-growing write queue.
const FLOW_HIGH_BYTES = 512 * 1024;
const FLOW_LOW_BYTES = 64 * 1024;

export class MuxAttachAddon implements ITerminalAddon {
  private readonly disposables: IDisposable[] = [];
  private channel: { ch: number; close: () => void } | null = null;
  private unrendered = 0;
  private held = false;

  constructor(
    private readonly mux: MuxClient,
    private readonly opts: MuxAttachOptions,
  ) {}

  activate(term: Terminal): void {
    this.opts.onState({ status: 'connecting' });
    const channel = this.mux.open(() => this.opts.spec({ cols: term.cols, rows: term.rows }), {
      onFrame: (frame) => {
        switch (frame.op) {
          case 'opened':
            this.opts.onState({ status: 'open' });
            // The terminal may have been fitted between building `open` and now.
            this.sendResize(term.cols, term.rows);
            return;
          case 'end':
            this.release();
            this.opts.onState({ status: 'ended', reason: frame.reason, exitCode: frame.exitCode, message: frame.message });
            return;
          case 'error':
            this.release();
            this.opts.onState({ status: 'error', code: frame.code, message: frame.message });
            return;
        }
      },
      onBinary: (payload) => this.write(term, payload),
    });
    this.channel = channel;

    const unsubscribe = this.mux.onState((s) => {
      if (s !== 'closed' || !this.channel) return;
      this.release();
      this.opts.onState({ status: 'disconnected' });
    });
    this.disposables.push({ dispose: unsubscribe });

    if (this.opts.input) {
      const encoder = new TextEncoder();
      this.disposables.push(term.onData((data) => this.sendInput(encoder.encode(data))));
      // Raw bytes (some mouse reports): each char code is one byte.
      this.disposables.push(term.onBinary((data) => this.sendInput(Uint8Array.from(data, (c) => c.charCodeAt(0) & 0xff))));
    }
    this.disposables.push(term.onResize(({ cols, rows }) => this.sendResize(cols, rows)));
  }

  private write(term: Terminal, payload: Uint8Array): void {
    const size = payload.byteLength;
    this.unrendered += size;
    term.write(payload, () => {
      this.unrendered -= size;
      if (this.held && this.unrendered < FLOW_LOW_BYTES) this.setHeld(false);
    });
    if (!this.held && this.unrendered > FLOW_HIGH_BYTES) this.setHeld(true);
  }

  private setHeld(held: boolean): void {
    this.held = held;
    if (this.channel) this.mux.send({ op: 'flow', ch: this.channel.ch, paused: held });
  }

  private sendInput(bytes: Uint8Array): void {
    if (this.channel) this.mux.sendBinary(this.channel.ch, bytes);
  }

  private sendResize(cols: number, rows: number): void {
    if (this.channel) this.mux.send({ op: 'resize', ch: this.channel.ch, cols, rows });
  }

  /** Closes the channel (the server then ends an exec's process) and stops listening. */
  private release(): void {
    this.channel?.close();
    this.channel = null;
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  dispose(): void {
    this.release();
  }
}
