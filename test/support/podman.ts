import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A private Podman engine for tests: Debian's `podman system service` (4.3) on its own socket, run
 * as root with its own `--root`/`--runroot` storage under /tmp, so it shares nothing with the host's
 * Podman or another test's. Started and stopped by PID. Its containers get no network (`netns =
 * "none"` in its containers.conf): nothing of it touches the host's bridges or firewall.
 */
export interface PodmanEngine {
  /** `unix:///…/podman.sock`, for DOCKER_HOST or DOCKSIDE_ENGINES. */
  readonly host: string;
  readonly dir: string;
  /** The podman CLI on this engine's storage (the oracle, independent of the API under test). */
  podman(...args: string[]): string;
  /** The docker CLI against this engine's Docker-compatible socket. */
  docker(...args: string[]): string;
  stop(): Promise<void>;
}

/** Why a Podman test cannot run here, or null when it can. */
export function podmanUnavailable(): string | null {
  if (spawnSync('podman', ['--version'], { stdio: 'ignore' }).status !== 0) return 'podman is not installed (apt-get install podman)';
  if (process.getuid?.() !== 0) return 'the Podman service for tests runs as root, and this is not root';
  return null;
}

/** A hard limit of this process, from /proc/self/limits. */
function hardLimit(label: string): number | null {
  const line = fs
    .readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(label));
  const hard = line?.slice(label.length).trim().split(/\s+/)[1];
  return hard && /^\d+$/.test(hard) ? Number(hard) : null;
}

/**
 * Podman's defaults raise the containers' open-file and process limits above what this process
 * may grant without CAP_SYS_RESOURCE (runc then fails with "error setting rlimit type 7/6:
 * operation not permitted"); pinned to what it can give. Podman runs itself with at most 32768
 * processes.
 */
function containersConf(dir: string): string {
  const nofile = hardLimit('Max open files') ?? 1024;
  const nproc = Math.min(hardLimit('Max processes') ?? 32768, 32768);
  return [
    '[containers]',
    `default_ulimits = ["nofile=${nofile}:${nofile}", "nproc=${nproc}:${nproc}"]`,
    'netns = "none"',
    '[engine]',
    'cgroup_manager = "cgroupfs"',
    'events_logger = "file"',
    // An exec session's conmon otherwise lingers 5 minutes after the exec ends.
    'exit_command_delay = 1',
    '[network]',
    // Podman's default is /etc/containers/networks: the host's, not ours.
    `network_config_dir = "${path.join(dir, 'networks')}"`,
    '',
  ].join('\n');
}

function answers(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const c = net.connect(socket, () => {
      c.write('GET /_ping HTTP/1.0\r\n\r\n');
    });
    let got = '';
    c.on('data', (d) => (got += d.toString()));
    c.on('end', () => resolve(got.includes(' 200 ')));
    c.on('error', () => resolve(false));
  });
}

/** Ends what this engine left running (conmon of exec sessions): processes whose command line names `dir`, by PID. */
function killLeftovers(dir: string): void {
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let cmdline = '';
    try {
      cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue; // Gone meanwhile.
    }
    if (Number(pid) !== process.pid && cmdline.includes(`${dir}/`)) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // Gone meanwhile.
      }
    }
  }
}

/** Unmounts every mount below `dir` (overlay layers, shm), deepest first. */
function unmountUnder(dir: string): void {
  const mounts = fs
    .readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[1] ?? '')
    .filter((m) => m.startsWith(dir + '/'))
    .sort()
    .reverse();
  for (const m of mounts) spawnSync('umount', [m], { stdio: 'ignore' });
}

/** Starts a private Podman service and loads `images` (from the docker CLI's engine) into it. */
export async function startPodman(name: string, images: string[] = ['dockside/busybox']): Promise<PodmanEngine> {
  const dir = path.join(os.tmpdir(), `dks-podman-${name}-${crypto.randomBytes(3).toString('hex')}`);
  fs.mkdirSync(path.join(dir, 'tmp'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'containers.conf'), containersConf(dir));
  const socket = path.join(dir, 'podman.sock');
  const env = { ...process.env, CONTAINERS_CONF: path.join(dir, 'containers.conf') };
  const storage = ['--root', path.join(dir, 'root'), '--runroot', path.join(dir, 'run'), '--tmpdir', path.join(dir, 'tmp')];
  const podman = (...args: string[]) => execFileSync('podman', [...storage, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  const log = fs.openSync(path.join(dir, 'service.log'), 'a');
  const proc: ChildProcess = spawn('podman', [...storage, 'system', 'service', '--time=0', `unix://${socket}`], { env, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const host = `unix://${socket}`;
  const docker = (...args: string[]) => execFileSync('docker', ['-H', host, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

  const stop = async () => {
    // Containers outlive the service (conmon is their parent): remove them, then stop the service,
    // then unmount what is left under the directory and remove it. Never `podman system reset`:
    // it deletes the configured tmpdir, config files and network config directory wholesale.
    try {
      podman('rm', '-af', '-t', '0');
    } catch {
      // Nothing to remove, or the storage was never set up.
    }
    if (proc.exitCode === null && proc.pid) {
      const exited = new Promise((r) => proc.once('exit', r));
      process.kill(proc.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (proc.exitCode === null) process.kill(proc.pid, 'SIGKILL');
    }
    killLeftovers(dir);
    unmountUnder(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 30_000;
  while (!(fs.existsSync(socket) && (await answers(socket)))) {
    if (proc.exitCode !== null || Date.now() > deadline) {
      const out = fs.readFileSync(path.join(dir, 'service.log'), 'utf8');
      await stop();
      throw new Error(`podman system service did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const image of images) {
    const save = spawn('docker', ['save', image], { stdio: ['ignore', 'pipe', 'inherit'] });
    const load = spawn('podman', [...storage, 'load'], { env, stdio: ['pipe', 'ignore', 'inherit'] });
    save.stdout!.pipe(load.stdin!);
    await new Promise<void>((resolve, reject) => {
      load.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`podman load ${image} exited with ${code}`))));
    });
  }
  return { host, dir, podman, docker, stop };
}
