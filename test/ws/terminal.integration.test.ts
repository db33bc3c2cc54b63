import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerFrame } from '../../lib/protocol/frames';
import { docker, inspectState, runContainer, testRun, waitFor } from '../support/docker-cli';
import { startDockside, type RunningServer } from '../support/dockside-server';
import { TestSocket } from '../support/ws-client';

/**
 * Exec and attach terminals end to end: the real server, a real WebSocket, the sandbox engine, and
 * the docker CLI (`docker top`, `docker inspect`) as the oracle for what is left in the container.
 */
const t = testRun('term');
const bashImage = `dockside-test/bash:${t.run}`;
const noShellImage = `dockside-test/nosh:${t.run}`;
let server: RunningServer;
let nextCh = 1;

const connect = (s: RunningServer) => TestSocket.connect(s.url, { Authorization: `Bearer ${s.token}` });

/** Everything the channel's process printed so far. */
const output = (sock: TestSocket, ch: number) =>
  Buffer.concat(sock.binary.filter((b) => b.ch === ch).map((b) => b.payload)).toString('utf8');

const waitOutput = (sock: TestSocket, ch: number, re: RegExp) => waitFor(() => re.exec(output(sock, ch)), `output matching ${re} on ${ch}; got ${JSON.stringify(output(sock, ch).slice(-300))}`);

const type = (sock: TestSocket, ch: number, text: string) => {
  const frame = Buffer.alloc(4 + Buffer.byteLength(text));
  frame.writeUInt32BE(ch, 0);
  frame.write(text, 4);
  sock.ws.send(frame);
};

const isFrame = <Op extends ServerFrame['op']>(op: Op, ch: number) => (f: ServerFrame): f is Extract<ServerFrame, { op: Op }> => f.op === op && 'ch' in f && f.ch === ch;

async function openExec(sock: TestSocket, container: string, extra: { cmd?: string[]; cols?: number; rows?: number } = {}): Promise<number> {
  const ch = nextCh++;
  sock.send({ op: 'open', ch, kind: 'exec', params: { container, cols: 80, rows: 24, ...extra } });
  await sock.waitFor((f) => (f.op === 'opened' || f.op === 'error') && 'ch' in f && f.ch === ch);
  const err = sock.frames.find(isFrame('error', ch));
  if (err) throw new Error(`exec refused: ${err.message}`);
  return ch;
}

/** `docker top` without its header: one line per process in the container. */
const processes = (id: string) => docker('top', id).split('\n').slice(1).filter(Boolean);

/** Only the container's own process is left (no shell, no sleep started from a session). */
const onlyMainProcess = (id: string) => waitFor(() => processes(id).length === 1, `only the main process in ${id}; got ${JSON.stringify(processes(id))}`);

function buildImage(tag: string, files: Record<string, string>): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-img-'));
  try {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text, { mode: 0o755 });
    execFileSync('docker', ['build', '-q', '--label', t.label, '-t', tag, dir], { env: { ...process.env, DOCKER_BUILDKIT: '0' }, stdio: 'ignore' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function buildImages(): void {
  // A /bin/bash that says it was picked, so auto-detection shows inside the session.
  buildImage(bashImage, {
    bash: '#!/bin/sh\nexport PICKED_SHELL=bash\nexec /bin/sh "$@"\n',
    Dockerfile: 'FROM dockside/busybox\nCOPY bash /bin/bash\n',
  });
  // No /bin/sh (like a distroless image): the in-container hangup cannot run there.
  buildImage(noShellImage, { Dockerfile: 'FROM dockside/busybox AS bb\nFROM scratch\nCOPY --from=bb /bin/busybox /busybox\n' });
}

describe('terminal channels', () => {
  let sleeper: string;

  beforeAll(async () => {
    buildImages();
    // The hangup logs which way it ended each session's processes.
    server = await startDockside([], { DOCKSIDE_DEBUG_EXEC: '1' });
    sleeper = runContainer(t.label, t.name('sleeper'), []);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('round-trips keystrokes and output', async () => {
    const sock = await connect(server);
    const ch = await openExec(sock, sleeper);
    type(sock, ch, 'echo hi\r');
    await waitOutput(sock, ch, /\r\nhi\r\n/);
    sock.close();
  });

  it('applies the size it was opened with and later resizes', async () => {
    const sock = await connect(server);
    const ch = await openExec(sock, sleeper, { cols: 101, rows: 31 });
    type(sock, ch, 'stty size\r');
    await waitOutput(sock, ch, /\r\n31 101\r\n/);
    sock.send({ op: 'resize', ch, cols: 132, rows: 43 });
    // The resize is asynchronous; ask until the TTY reports it.
    await waitFor(() => {
      type(sock, ch, 'stty size\r');
      return /\r\n43 132\r\n/.test(output(sock, ch));
    }, 'the new size inside the container');
    sock.close();
  });

  it('picks sh when the image has no bash, and bash when it does', async () => {
    const sock = await connect(server);
    const ch = await openExec(sock, sleeper);
    type(sock, ch, 'echo "shell=$0 picked=${PICKED_SHELL:-none}"\r');
    await waitOutput(sock, ch, /\r\nshell=\/bin\/sh picked=none\r\n/);

    const withBash = runContainer(t.label, t.name('bash'), [], bashImage);
    const ch2 = await openExec(sock, withBash);
    type(sock, ch2, 'echo "picked=$PICKED_SHELL"\r');
    await waitOutput(sock, ch2, /\r\npicked=bash\r\n/);
    sock.close();
  });

  it('delivers a large burst of output whole, in coalesced frames', async () => {
    const sock = await connect(server);
    const size = 3_000_000;
    const ch = await openExec(sock, sleeper, { cmd: ['sh', '-c', `head -c ${size} /dev/zero | tr '\\000' x; echo; echo DONE`] });
    await sock.waitFor(isFrame('end', ch), 30_000);
    const text = output(sock, ch);
    expect(text.match(/x/g)?.length).toBe(size);
    expect(text).toMatch(/DONE\r\n$/);
    // Batches stop growing at 64 KiB (plus the one engine read that crossed the line).
    const frames = sock.binary.filter((b) => b.ch === ch);
    expect(Math.max(...frames.map((b) => b.payload.byteLength))).toBeLessThanOrEqual(128 * 1024);
    sock.close();
  });

  it('holds output while the browser says it is behind (flow control), and lets it flow again', async () => {
    const sock = await connect(server);
    const ch = await openExec(sock, sleeper, { cmd: ['yes'] });
    const received = () => sock.binary.filter((b) => b.ch === ch).reduce((n, b) => n + b.payload.byteLength, 0);
    await waitFor(() => received() > 100_000, 'yes to produce output');
    sock.send({ op: 'flow', ch, paused: true });
    // What was already on its way still arrives; then nothing more.
    let last = -1;
    await waitFor(async () => {
      const now = received();
      const settled = now === last;
      last = now;
      await new Promise((r) => setTimeout(r, 300));
      return settled;
    }, 'output to stop while held');
    const held = received();
    await new Promise((r) => setTimeout(r, 500));
    expect(received()).toBe(held);
    sock.send({ op: 'flow', ch, paused: false });
    await waitFor(() => received() > held + 100_000, 'output to flow again');
    sock.send({ op: 'close', ch });
    await onlyMainProcess(sleeper);
    sock.close();
  });

  it('reports the exit code in `end`', async () => {
    const sock = await connect(server);
    const ch = await openExec(sock, sleeper);
    type(sock, ch, 'exit 3\r');
    const end = await sock.waitFor(isFrame('end', ch));
    expect(end).toMatchObject({ reason: 'exited', exitCode: 3 });
    sock.close();
  });

  it('runs a given argv as is, with user and workdir', async () => {
    const sock = await connect(server);
    const ch = await openExec(sock, sleeper, { cmd: ['sh', '-c', 'echo "$(id -u) $(pwd) $1"', 'argv0', 'a b;$(x)'] });
    await waitOutput(sock, ch, /^0 \/ a b;\$\(x\)\r\n/);
    const end = await sock.waitFor(isFrame('end', ch));
    expect(end.exitCode).toBe(0);

    const ch2 = nextCh++;
    sock.send({ op: 'open', ch: ch2, kind: 'exec', params: { container: sleeper, cmd: ['sh', '-c', 'echo "$(id -u) $(pwd)"'], user: 'nobody', workdir: '/tmp', cols: 80, rows: 24 } });
    await waitOutput(sock, ch2, /^65534 \/tmp\r\n/);
    sock.close();
  });

  it('leaves no process behind when the channel is closed', async () => {
    const c = runContainer(t.label, t.name('close'), []);
    const sock = await connect(server);
    const ch = await openExec(sock, c);
    // A background job (its own process group) and a foreground one.
    type(sock, ch, 'sleep 1111 & sleep 2222\r');
    await waitFor(() => processes(c).length === 4, 'the session processes to start');
    sock.send({ op: 'close', ch });
    await onlyMainProcess(c);
    await waitFor(() => /exec hangup: container HUP=[1-9]/.test(server.output()), 'the in-container hangup in the log');
    sock.close();
  });

  it('hangs up from the host when the container has no shell', async () => {
    const c = runContainer(t.label, t.name('nosh'), [], noShellImage, ['/busybox', 'sleep', '3600']);
    const sock = await connect(server);
    const ch = await openExec(sock, c, { cmd: ['/busybox', 'sh'] });
    type(sock, ch, '/busybox sleep 1111 & /busybox sleep 2222\r');
    await waitFor(() => processes(c).length === 4, 'the session processes to start');
    sock.send({ op: 'close', ch });
    await onlyMainProcess(c);
    await waitFor(() => /exec hangup: host HUP=[1-9]/.test(server.output()), 'the host-side hangup in the log');
    sock.close();
  });

  it('leaves no process behind when the socket drops', async () => {
    const c = runContainer(t.label, t.name('drop'), []);
    const sock = await connect(server);
    const ch = await openExec(sock, c);
    type(sock, ch, 'sleep 1111 & sleep 2222\r');
    await waitFor(() => processes(c).length === 4, 'the session processes to start');
    sock.ws.terminate();
    await onlyMainProcess(c);
  });

  it('leaves no process behind for a process that ignores SIGHUP', async () => {
    const c = runContainer(t.label, t.name('nohup'), []);
    const sock = await connect(server);
    // An ignored signal stays ignored across exec, so `sleep` ignores SIGHUP too.
    const ch = await openExec(sock, c, { cmd: ['sh', '-c', "trap '' HUP; sleep 3333"] });
    await waitFor(() => processes(c).some((p) => p.endsWith('sleep 3333')), 'the session process to start');
    sock.send({ op: 'close', ch });
    await onlyMainProcess(c);
    sock.close();
  });

  it('ends the channel when the container stops', async () => {
    const c = runContainer(t.label, t.name('stop'), []);
    const sock = await connect(server);
    const ch = await openExec(sock, c);
    docker('stop', '-t', '0', c);
    const end = await sock.waitFor(isFrame('end', ch));
    expect(end.reason).toBe('exited');
    sock.close();
  });

  it('refuses a container that is not running', async () => {
    const c = runContainer(t.label, t.name('stopped'), [], 'dockside/busybox', ['true']);
    await waitFor(() => !inspectState(c).Running, 'the container to exit');
    const sock = await connect(server);
    const ch = nextCh++;
    sock.send({ op: 'open', ch, kind: 'exec', params: { container: c, cols: 80, rows: 24 } });
    const err = await sock.waitFor(isFrame('error', ch));
    expect(err.code).toBe('conflict');
    sock.close();
  });

  describe('attach', () => {
    let tty: string;
    beforeAll(() => {
      tty = runContainer(t.label, t.name('tty'), ['-it'], 'dockside/busybox', ['sh']);
    });

    it('reads output, ignores input unless write is on, and never stops the container', async () => {
      const sock = await connect(server);
      const ro = nextCh++;
      sock.send({ op: 'open', ch: ro, kind: 'attach', params: { container: tty, write: false, cols: 80, rows: 24 } });
      await sock.waitFor(isFrame('opened', ro));
      type(sock, ro, 'echo ro-$((1+1))\r');

      const rw = nextCh++;
      sock.send({ op: 'open', ch: rw, kind: 'attach', params: { container: tty, write: true, cols: 80, rows: 24 } });
      await sock.waitFor(isFrame('opened', rw));
      type(sock, rw, 'echo rw-$((2+3))\r');
      // Both see the container's one TTY; had the read-only input gone through, `ro-2` came first.
      await waitOutput(sock, ro, /\r\nrw-5\r\n/);
      await waitOutput(sock, rw, /\r\nrw-5\r\n/);
      expect(output(sock, ro)).not.toContain('ro-2');

      sock.send({ op: 'close', ch: ro });
      sock.send({ op: 'close', ch: rw });
      sock.ws.terminate();
      // Detaching only let go of the streams: the shell still answers a fresh attach.
      const again = await connect(server);
      const ch = nextCh++;
      again.send({ op: 'open', ch, kind: 'attach', params: { container: tty, write: true, cols: 80, rows: 24 } });
      await again.waitFor(isFrame('opened', ch));
      type(again, ch, 'echo still-$((3+4))\r');
      await waitOutput(again, ch, /\r\nstill-7\r\n/);
      again.close();
      expect(inspectState(tty).Running).toBe(true);
    });

    it('reports the exit code when the attached process exits', async () => {
      const c = runContainer(t.label, t.name('tty-exit'), ['-it'], 'dockside/busybox', ['sh']);
      const sock = await connect(server);
      const ch = nextCh++;
      sock.send({ op: 'open', ch, kind: 'attach', params: { container: c, write: true, cols: 80, rows: 24 } });
      await sock.waitFor(isFrame('opened', ch));
      type(sock, ch, 'exit 5\r');
      const end = await sock.waitFor(isFrame('end', ch));
      expect(end).toMatchObject({ reason: 'exited', exitCode: 5 });
      sock.close();
    });

    it('refuses a container without a TTY', async () => {
      const sock = await connect(server);
      const ch = nextCh++;
      sock.send({ op: 'open', ch, kind: 'attach', params: { container: sleeper, write: false, cols: 80, rows: 24 } });
      const err = await sock.waitFor(isFrame('error', ch));
      expect(err.message).toMatch(/without a TTY/);
      sock.close();
    });
  });
});

afterAll(() => {
  t.cleanup();
  try {
    docker('rmi', '-f', bashImage, noShellImage);
  } catch {
    // Never built, or already gone.
  }
});

describe('server shutdown', () => {
  it('hangs up every exec session before exiting', async () => {
    const own = await startDockside();
    try {
      const c = runContainer(t.label, t.name('sigterm'), []);
      const sock = await connect(own);
      const ch = await openExec(sock, c);
      type(sock, ch, 'sleep 1111 & sleep 2222\r');
      await waitFor(() => processes(c).length === 4, 'the session processes to start');
      await own.stop(); // SIGTERM, then waits for the exit
      await onlyMainProcess(c);
    } finally {
      await own.stop();
    }
  });
});

describe('read-only mode', () => {
  it('refuses exec and attach', async () => {
    const ro = await startDockside(['--read-only']);
    try {
      const c = runContainer(t.label, t.name('ro'), ['-it'], 'dockside/busybox', ['sh']);
      const sock = await connect(ro);
      sock.send({ op: 'open', ch: 1, kind: 'exec', params: { container: c, cols: 80, rows: 24 } });
      sock.send({ op: 'open', ch: 2, kind: 'attach', params: { container: c, write: false, cols: 80, rows: 24 } });
      expect((await sock.waitFor(isFrame('error', 1))).code).toBe('forbidden');
      expect((await sock.waitFor(isFrame('error', 2))).code).toBe('forbidden');
      expect(processes(c)).toHaveLength(1);
      sock.close();
    } finally {
      await ro.stop();
    }
  });
});
