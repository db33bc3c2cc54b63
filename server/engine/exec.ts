import crypto from 'node:crypto';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { docker } from './client';
import { EngineError, engineCall, engineRead } from './errors';
import { hangUpSession, runShortExec, type HangUpTarget } from './exec-hangup';

// Every `container` here has passed `containerRefSchema`, `cmd` is an argv array (never a shell
// string), and `user` / `workdir` have passed `execParamsSchema`.

export interface TerminalSize {
  rows: number;
  cols: number;
}

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
   * SIGHUP, then SIGKILL after a grace period. The engine has no API for this (see exec-hangup.ts).
   * Idempotent; never throws.
   */
  hangUp(): Promise<void>;
}

/** Engines answer a resize with 200 or 201; dockerode only expects 200, so 201 lands here. */
const isResizeSuccess = (err: unknown) => (err as { statusCode?: number })?.statusCode === 201;

async function resizeCall(call: () => Promise<unknown>): Promise<void> {
  await engineCall(async () => {
    try {
      await call();
    } catch (err) {
      if (!isResizeSuccess(err)) throw err;
    }
  }, 'Resize');
}

const BASH = '/bin/bash';

/** What `docker exec -it` users type by hand: bash when the image has it, else sh. */
export async function detectShell(container: string, user?: string): Promise<string[]> {
  // `test` is a separate argv entry, not a shell string; a missing `test` binary means "use sh".
  const r = await runShortExec(docker().getContainer(container), ['test', '-x', BASH], user).catch(() => null);
  return r?.exitCode === 0 ? [BASH] : ['/bin/sh'];
}

/** Every session this process started and has not yet hung up, so shutdown can end them all. */
const liveSessions = new Set<ExecSession>();

export async function hangUpAllExecSessions(): Promise<void> {
  await Promise.all([...liveSessions].map((s) => s.hangUp()));
}

export async function startExecSession(opts: ExecOptions): Promise<ExecSession> {
  const container = docker().getContainer(opts.container);
  const cmd = opts.cmd ?? (await detectShell(opts.container, opts.user));
  // A random marker in the environment lets the hangup find this session's processes, children
  // included, from inside the container (see exec-hangup.ts). It is not a secret.
  const marker = `DOCKSIDE_EXEC_SESSION=${crypto.randomBytes(16).toString('hex')}`;
  const exec = await engineCall(
    () =>
      container.exec({
        Cmd: cmd,
        AttachStdin: true,
        AttachStdout: true,
        AttachStderr: true,
        Tty: true,
        ...(opts.user ? { User: opts.user } : {}),
        ...(opts.workdir ? { WorkingDir: opts.workdir } : {}),
        Env: ['TERM=xterm-256color', marker],
        // Engines from API 1.42 start at this size; older ones ignore it and get the resize below.
        ConsoleSize: [opts.rows, opts.cols],
      }),
    `Exec in ${opts.container}`,
  );
  const stream = await engineCall(() => exec.start({ hijack: true, stdin: true, Tty: true }), `Exec in ${opts.container}`);
  const target: HangUpTarget = { container, exec, marker, user: opts.user };

  let hangingUp: Promise<void> | null = null;
  const session: ExecSession = {
    cmd,
    stream,
    resize: (size) => resizeCall(() => exec.resize({ h: size.rows, w: size.cols })),
    exitCode: () => execExitCode(exec),
    hangUp: () => {
      hangingUp ??= (async () => {
        // Closing the stream first is what a terminal's hangup does: no more input or output.
        stream.destroy();
        await hangUpSession(target).catch(() => undefined);
        liveSessions.delete(session);
      })();
      return hangingUp;
    },
  };
  liveSessions.add(session);
  stream.on('error', () => undefined); // Errors end the stream; the channel reacts to `close`.
  await session.resize(opts).catch(() => undefined); // The process runs even if this fails.
  return session;
}

const EXIT_POLL_MS = 50;
const EXIT_WAIT_MS = 3000;

/** The stream can end a moment before the engine records the exit: poll briefly. */
async function execExitCode(exec: Docker.Exec): Promise<number | null> {
  const deadline = Date.now() + EXIT_WAIT_MS;
  for (;;) {
    const info = await exec.inspect().catch(() => null);
    if (!info) return null;
    if (!info.Running || Date.now() > deadline) return info.ExitCode ?? null;
    await new Promise((r) => setTimeout(r, EXIT_POLL_MS));
  }
}

// ---- attach (`docker attach`) ----

export interface AttachTarget {
  name: string;
  tty: boolean;
  running: boolean;
}

/**
 * Attaches to a container's main process. Only containers with a TTY: without one, the output is
 * a multiplexed log (better read on the Logs tab, with stderr marked) and there is no terminal to
 * type into or resize, so a terminal view would show it wrongly.
 */
export async function attachContainer(ref: string, opts: { write: boolean }): Promise<Duplex> {
  const c = docker().getContainer(ref);
  const info = await engineRead((abortSignal) => c.inspect({ abortSignal }), `Container ${ref}`);
  const name = info.Name.replace(/^\//, '');
  if (!info.State.Running) throw new EngineError('conflict', `Container ${name} is not running.`);
  if (!info.Config.Tty) {
    throw new EngineError('bad_request', `Container ${name} was started without a TTY (-t), so there is no terminal to attach to. Its output is on the Logs tab.`);
  }
  // Attaching without stdin when read-only: the engine then never reads what this side sends.
  const stream = await engineCall(() => c.attach({ stream: true, stdin: opts.write, stdout: true, stderr: true, hijack: true }), `Attach to ${name}`);
  const duplex = stream as unknown as Duplex;
  duplex.on('error', () => undefined);
  return duplex;
}

export async function resizeContainerTty(ref: string, size: TerminalSize): Promise<void> {
  await resizeCall(() => docker().getContainer(ref).resize({ h: size.rows, w: size.cols }));
}

const DETACH_WAIT_MS = 1000;

/** After an attach stream ended: did the container stop (with which code), or only the stream? */
export async function containerRunState(ref: string): Promise<{ running: boolean; exitCode: number | null }> {
  const deadline = Date.now() + DETACH_WAIT_MS;
  for (;;) {
    const info = await docker().getContainer(ref).inspect().catch(() => null);
    if (!info) return { running: false, exitCode: null };
    // A stop closes the stream slightly before the engine marks the container stopped.
    if (!info.State.Running || Date.now() > deadline) return { running: info.State.Running, exitCode: info.State.Running ? null : info.State.ExitCode };
    await new Promise((r) => setTimeout(r, EXIT_POLL_MS));
  }
}
