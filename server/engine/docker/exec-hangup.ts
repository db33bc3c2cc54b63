import fs from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { Writable } from 'node:stream';
import type Docker from 'dockerode';

/**
 * Ending an exec session. The engine has no "kill exec" call, and closing the hijacked stream does
 * not end the process: a shell (and whatever it started) would live on inside the container.
 *
 * Every session's environment carries a random marker (`DOCKSIDE_EXEC_SESSION=<hex>`), which its
 * children inherit. To hang up, a second short exec in the same container, as the same user, signals
 * every process whose environment holds the marker: SIGHUP first (what a closed terminal sends), then
 * SIGKILL for whatever is still there after a grace period. This works whatever the engine's host,
 * needs only `sh`, `tr`, `grep` and `kill` in the image, and finds background jobs in other process groups.
 *
 * When the container has no usable `sh`/`grep` (distroless images), or a process is out of that
 * user's reach, and the engine runs on this very host, the same marker is looked for in the host's
 * /proc (the exec's host pid must carry it, which proves the pid namespace is ours) and the processes
 * are signalled from here.
 */
export interface HangUpTarget {
  container: Docker.Container;
  exec: Docker.Exec;
  marker: string;
  user?: string;
}

const GRACE_MS = 1000;
const CHECK_EVERY_MS = 100;
const SHORT_EXEC_TIMEOUT_MS = 5000;
const MAX_OUTPUT = 64 * 1024;

// A constant script; the signal and the marker arrive as "$1" and "$2", never spliced into it.
// Prints the pid of each process it signalled. Exit 127 when a tool it needs is missing.
// `tr` first: environ is NUL-separated, and busybox grep stops reading a line at a NUL.
const SIGNAL_MARKED_PROCESSES = [
  'command -v grep >/dev/null 2>&1 && command -v tr >/dev/null 2>&1 || exit 127',
  'for f in /proc/[0-9]*/environ; do',
  '  tr "\\000" "\\n" < "$f" 2>/dev/null | grep -qxF -- "$2" || continue',
  '  p=${f#/proc/}; p=${p%/environ}',
  '  [ "$p" = "$$" ] && continue',
  '  kill -s "$1" "$p" 2>/dev/null && echo "$p"',
  'done',
  'exit 0',
].join('\n');

type Signal = 'HUP' | 'KILL' | '0';

/** Runs a short, non-interactive command; returns its exit code and (capped) stdout. */
export async function runShortExec(container: Docker.Container, cmd: string[], user?: string): Promise<{ exitCode: number | null; stdout: string }> {
  const exec = await container.exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true, Tty: false, ...(user ? { User: user } : {}) });
  // An exec into a container frozen a moment ago never starts (runc waits on the frozen cgroup):
  // give up rather than hang the caller.
  const stream = (await withTimeout(exec.start({}), SHORT_EXEC_TIMEOUT_MS, 'exec start')) as unknown as Readable;
  let stdout = '';
  const collect = new Writable({
    write(chunk: Buffer, _enc, cb) {
      if (stdout.length < MAX_OUTPUT) stdout += chunk.toString('utf8');
      cb();
    },
  });
  const discard = new Writable({ write: (_c, _e, cb) => cb() });
  (container.modem as { demuxStream(s: Readable, out: Writable, err: Writable): void }).demuxStream(stream, collect, discard);
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => stream.destroy(), SHORT_EXEC_TIMEOUT_MS);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    stream.once('end', done);
    stream.once('close', done);
    stream.once('error', done);
  });
  // The output ends a moment before the engine records the exit code.
  for (let i = 0; i < 40; i++) {
    const info = await exec.inspect();
    if (!info.Running) return { exitCode: info.ExitCode, stdout };
    await sleep(25);
  }
  return { exitCode: null, stdout };
}

/** Signals the marked processes from inside the container; null when that is not possible there. */
async function signalInContainer(t: HangUpTarget, sig: Signal): Promise<number | null> {
  try {
    // Exec into a paused container blocks inside the engine (and holds the container's lock):
    // a paused or stopped container is handled from the host, or not at all.
    const state = (await t.container.inspect()).State;
    if (state.Paused || !state.Running) return null;
    const r = await runShortExec(t.container, ['/bin/sh', '-c', SIGNAL_MARKED_PROCESSES, 'dockside-hangup', sig, t.marker], t.user);
    if (r.exitCode !== 0) return null;
    return r.stdout.split('\n').filter((l) => /^\d+$/.test(l)).length;
  } catch {
    return null; // No /bin/sh, container stopped or paused, engine gone.
  }
}

const hostSignals: Record<Exclude<Signal, '0'>, NodeJS.Signals> = { HUP: 'SIGHUP', KILL: 'SIGKILL' };

async function environHas(pid: number | string, marker: Buffer): Promise<boolean> {
  const env = await fs.readFile(`/proc/${pid}/environ`).catch(() => null);
  return env !== null && env.includes(marker);
}

/** Signals the marked processes through this host's /proc, if the engine runs here. */
async function signalOnHost(hostPid: number, marker: string, sig: Signal): Promise<number | null> {
  if (process.platform !== 'linux' || !hostPid) return null;
  const needle = Buffer.from(`${marker}\0`);
  if (!(await environHas(hostPid, needle))) return null;
  let count = 0;
  const pids = (await fs.readdir('/proc').catch(() => [] as string[])).filter((n) => /^\d+$/.test(n));
  for (const pid of pids) {
    if (!(await environHas(pid, needle))) continue;
    try {
      if (sig === '0') process.kill(Number(pid), 0);
      else process.kill(Number(pid), hostSignals[sig]);
      count++;
    } catch {
      // Already gone.
    }
  }
  return count;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** With DOCKSIDE_DEBUG_EXEC=1 the server logs how each hangup went (tests check the method used). */
const debug = process.env.DOCKSIDE_DEBUG_EXEC === '1' ? (msg: string) => process.stderr.write(`dockside: exec hangup: ${msg}\n`) : null;

export async function hangUpSession(t: HangUpTarget): Promise<void> {
  const hostPid = (await t.exec.inspect().catch(() => null))?.Pid ?? 0;
  const steps: string[] = [];
  const signal = async (sig: Signal): Promise<number> => {
    const inside = await signalInContainer(t, sig);
    if (inside !== null) {
      steps.push(`container ${sig}=${inside}`);
      return inside;
    }
    const onHost = await signalOnHost(hostPid, t.marker, sig);
    steps.push(`host ${sig}=${onHost ?? 'unavailable'}`);
    return onHost ?? 0;
  };

  let left = await signal('HUP');
  // Most processes end on SIGHUP at once: look often, so a hangup takes ~100 ms rather than the grace.
  const deadline = Date.now() + GRACE_MS;
  while (left > 0 && Date.now() < deadline) {
    await sleep(CHECK_EVERY_MS);
    left = await signal('0');
  }
  if (left > 0) await signal('KILL');
  // A process the in-container sweep could not reach (it changed user): the host can.
  const main = await t.exec.inspect().catch(() => null);
  if (main?.Running) steps.push(`host KILL main=${(await signalOnHost(main.Pid, t.marker, 'KILL')) ?? 'unavailable'}`);
  debug?.(steps.join(', '));
}
