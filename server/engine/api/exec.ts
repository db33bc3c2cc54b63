import type { Duplex } from 'node:stream';

export interface TerminalSize {
  rows: number;
  cols: number;
}

/** `docker exec -it` options after validation (`execParamsSchema`); `cmd` is an argv array. */
export interface ExecOptions extends TerminalSize {
  container: string;
  cmd?: string[];
  user?: string;
  workdir?: string;
}

/** An interactive process in a container (`docker exec -it`): raw TTY bytes both ways. */
export interface ExecSession {
  readonly cmd: string[];
  /** Raw terminal bytes: read = the process's output, write = its keyboard input. */
  readonly stream: Duplex;
  resize(size: TerminalSize): Promise<void>;
  /** Once the process has exited: its exit code (null when the engine no longer knows). */
  exitCode(): Promise<number | null>;
  /**
   * Ends the process and everything it started, as a terminal hangup does: closes the stream,
   * SIGHUP, then SIGKILL after a grace period. Idempotent; never throws.
   */
  hangUp(): Promise<void>;
}

/** Interactive processes and terminals: `docker exec -it`, `docker attach`. */
export interface ExecApi {
  /** Starts a shell (bash if the image has it, else sh) or `cmd` with a TTY. */
  start(opts: ExecOptions): Promise<ExecSession>;
  /** Hangs up every session this engine started and has not yet hung up (shutdown). */
  hangUpAll(): Promise<void>;
  /** `docker attach` to a running container with a TTY; stdin only when `write`. */
  attach(ref: string, opts: { write: boolean }): Promise<Duplex>;
  resizeTty(ref: string, size: TerminalSize): Promise<void>;
  /** After an attach stream ended: did the container stop (with which code), or only the stream? */
  attachEndState(ref: string): Promise<{ running: boolean; exitCode: number | null }>;
}
