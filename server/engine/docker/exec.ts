import crypto from 'node:crypto';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import type { ExecApi, ExecOptions, ExecSession, TerminalSize } from '../api/exec';
import { EngineError } from '../errors';
import type { DockerContext } from './context';
import { hangUpSession, runShortExec, type HangUpTarget } from './exec-hangup';

// Every `container` here has passed `containerRefSchema`, `cmd` is an argv array (never a shell
// string), and `user` / `workdir` have passed `execParamsSchema`.

/** Engines answer a resize with 200 or 201; dockerode only expects 200, so 201 lands here. */
const isResizeSuccess = (err: unknown) => (err as { statusCode?: number })?.statusCode === 201;

/** A resize is a call the UI waits on: it gets the engine's deadline like a read. */
async function resizeCall(ctx: DockerContext, call: () => Promise<unknown>): Promise<void> {
  await ctx.within(async () => {
    try {
      await call();
    } catch (err) {
      if (!isResizeSuccess(err)) throw err;
    }
  }, 'Resize');
}

const BASH = '/bin/bash';

/** What `docker exec -it` users type by hand: bash when the image has it, else sh. */
async function detectShell(ctx: DockerContext, container: string, user?: string): Promise<string[]> {
  // `test` is a separate argv entry, not a shell string; a missing `test` binary means "use sh".
  const r = await runShortExec(ctx.docker.getContainer(container), ['test', '-x', BASH], user).catch(() => null);
  return r?.exitCode === 0 ? [BASH] : ['/bin/sh'];
}

async function startExecSession(ctx: DockerContext, liveSessions: Set<ExecSession>, opts: ExecOptions): Promise<ExecSession> {
  const container = ctx.docker.getContainer(opts.container);
  const cmd = opts.cmd ?? (await detectShell(ctx, opts.container, opts.user));
  // A random marker in the environment lets the hangup find this session's processes, children
  // included, from inside the container (see exec-hangup.ts). It is not a secret.
  const marker = `DOCKSIDE_EXEC_SESSION=${crypto.randomBytes(16).toString('hex')}`;
  // Create and start within the engine's deadline: a person waits on this, and an engine drowning in
  // execs can take minutes (moby#45595). A session that starts after the deadline is hung up at once.
  const { exec, stream } = await ctx.within(
    async () => {
      const exec = await container.exec({
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
      });
      const stream = await exec.start({ hijack: true, stdin: true, Tty: true });
      return { exec, stream };
    },
    `Exec in ${opts.container}`,
    (late) => {
      late.stream.destroy();
      void hangUpSession({ container, exec: late.exec, marker, user: opts.user }).catch(() => undefined);
    },
  );
  const target: HangUpTarget = { container, exec, marker, user: opts.user };

  let hangingUp: Promise<void> | null = null;
  const session: ExecSession = {
    cmd,
    stream,
    resize: (size) => resizeCall(ctx, () => exec.resize({ h: size.rows, w: size.cols })),
    exitCode: () => execExitCode(ctx, exec),
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
async function execExitCode(ctx: DockerContext, exec: Docker.Exec): Promise<number | null> {
  const deadline = Date.now() + EXIT_WAIT_MS;
  for (;;) {
    const info = await ctx.read((abortSignal) => exec.inspect({ abortSignal })).catch(() => null);
    if (!info) return null;
    if (!info.Running || Date.now() > deadline) return info.ExitCode ?? null;
    await new Promise((r) => setTimeout(r, EXIT_POLL_MS));
  }
}

// ---- attach (`docker attach`) ----

/**
 * `POST /containers/{id}/attach` hijacked, with the options in the query string and an empty body
 * (`Content-Length: 0`), as the docker CLI sends it. dockerode's `attach` also sends the options as
 * a JSON body (or, without one, an open chunked body), and Podman passes the request body's bytes
 * on to the container's stdin: `{"stream":true,…}` or the chunk terminator `0` arrived in the
 * shell. An empty `file` makes docker-modem send exactly zero body bytes and end the request; input
 * then goes over the upgraded socket.
 */
function dialAttach(ctx: DockerContext, id: string, write: boolean): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    ctx.docker.modem.dial(
      {
        path: `/containers/${encodeURIComponent(id)}/attach?`,
        method: 'POST',
        options: { stream: true, stdin: write, stdout: true, stderr: true },
        file: Buffer.alloc(0),
        isStream: true,
        hijack: true,
        statusCodes: { 101: true, 200: true, 400: 'bad parameter', 404: 'no such container', 409: 'container is paused', 500: 'server error' },
      },
      (err: unknown, stream: unknown) => (err ? reject(err) : resolve(stream as Duplex)),
    );
  });
}

/**
 * Attaches to a container's main process. Only containers with a TTY: without one, the output is
 * a multiplexed log (better read on the Logs tab, with stderr marked) and there is no terminal to
 * type into or resize, so a terminal view would show it wrongly.
 */
async function attachContainer(ctx: DockerContext, ref: string, opts: { write: boolean }): Promise<Duplex> {
  const c = ctx.docker.getContainer(ref);
  const info = await ctx.read((abortSignal) => c.inspect({ abortSignal }), `Container ${ref}`);
  const name = info.Name.replace(/^\//, '');
  if (!info.State.Running) throw new EngineError('conflict', `Container ${name} is not running.`);
  if (!info.Config.Tty) {
    throw new EngineError('bad_request', `Container ${name} was started without a TTY (-t), so there is no terminal to attach to. Its output is on the Logs tab.`);
  }
  // Attaching without stdin when read-only: the engine then never reads what this side sends.
  const duplex = await ctx.within(
    () => dialAttach(ctx, info.Id, opts.write),
    `Attach to ${name}`,
    (late) => late.destroy(),
  );
  duplex.on('error', () => undefined);
  return duplex;
}

async function resizeContainerTty(ctx: DockerContext, ref: string, size: TerminalSize): Promise<void> {
  await resizeCall(ctx, () => ctx.docker.getContainer(ref).resize({ h: size.rows, w: size.cols }));
}

const DETACH_WAIT_MS = 1000;

/** After an attach stream ended: did the container stop (with which code), or only the stream? */
async function attachEndState(ctx: DockerContext, ref: string): Promise<{ running: boolean; exitCode: number | null }> {
  const deadline = Date.now() + DETACH_WAIT_MS;
  for (;;) {
    const info = await ctx.read((abortSignal) => ctx.docker.getContainer(ref).inspect({ abortSignal })).catch(() => null);
    if (!info) return { running: false, exitCode: null };
    // A stop closes the stream slightly before the engine marks the container stopped.
    if (!info.State.Running || Date.now() > deadline) return { running: info.State.Running, exitCode: info.State.Running ? null : info.State.ExitCode };
    await new Promise((r) => setTimeout(r, EXIT_POLL_MS));
  }
}

export function dockerExec(ctx: DockerContext): ExecApi {
  /** Every session this engine started and has not yet hung up, so shutdown can end them all. */
  const liveSessions = new Set<ExecSession>();
  return {
    // The whole open (shell detection, create, start, first resize) is one call the UI waits on:
    // past the deadline the channel hears `engine_unreachable`, and a session that the engine
    // starts after all is hung up at once rather than left running.
    start: (opts) =>
      ctx.within(() => startExecSession(ctx, liveSessions, opts), `Exec in ${opts.container}`, (late) => void late.hangUp()),
    hangUpAll: async () => {
      await Promise.all([...liveSessions].map((s) => s.hangUp()));
    },
    attach: (ref, opts) => attachContainer(ctx, ref, opts),
    resizeTty: (ref, size) => resizeContainerTty(ctx, ref, size),
    attachEndState: (ref) => attachEndState(ctx, ref),
  };
}
