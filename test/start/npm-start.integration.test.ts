import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/docker-cli';

/**
 * What a person does: `npm start` with no engine around. It starts a sandbox engine (here a private
 * one, in its own directory), seeds the demo on that first start, and a SIGTERM to the PID of
 * `npm start` (what `kill` or a service manager sends) stops the server and the sandbox it started:
 * nothing is left running, serving or mounted.
 */
const root = path.resolve(import.meta.dirname, '../..');
const sandboxScript = path.join(root, 'scripts/sandbox.sh');
const sandboxDir = `/tmp/dockside-npm-start-${process.pid}`;
const host = `unix://${sandboxDir}/docker.sock`;
const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-npm-start-'));
const readyFile = path.join(configDir, 'ready.json');

const DEMO = ['dockside-demo-clock', 'dockside-demo-failed', 'dockside-demo-paused', 'dockside-demo-shell', 'dockside-demo-web'];

let npm: ChildProcess;
let output = '';
let port = 0;
let serverPid = 0;
/** npm's children when it was ready: whatever they are, nothing of them may outlive this file. */
let npmChildren: number[] = [];
let dockerdPid = 0;
let blocker: net.Server;
let blockedPort = 0;

const dockerCli = (...args: string[]) => execFileSync('docker', ['-H', host, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const sandbox = (...args: string[]) => spawnSync('bash', [sandboxScript, ...args], { env: { ...process.env, DOCKSIDE_SANDBOX_DIR: sandboxDir }, encoding: 'utf8' });
const demoNames = () => dockerCli('ps', '-a', '--filter', 'label=dockside.demo', '--format', '{{.Names}}').split('\n').filter(Boolean).sort();
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !/\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};
const ppidOf = (pid: string) => {
  try {
    return Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')[1]);
  } catch {
    return -1;
  }
};
const cmdlineOf = (pid: string) => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
};
/** Every process whose command line names the sandbox's directory (dockerd, containerd, shims). */
const sandboxProcesses = () =>
  fs
    .readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p) && cmdlineOf(p).includes(sandboxDir))
    .map((p) => `${p}: ${cmdlineOf(p).slice(0, 120)}`);
const portAnswers = (p: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(p, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

beforeAll(async () => {
  // The demo's usual web port is taken here (as it may be on a person's machine): the demo must
  // still come up, on a port the engine picks.
  blocker = net.createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  blockedPort = (blocker.address() as net.AddressInfo).port;

  npm = spawn('npm', ['start', '--', '--port', '0', '--config-dir', configDir, '--sandbox', 'always'], {
    cwd: root,
    env: {
      ...process.env,
      DOCKSIDE_SANDBOX_DIR: sandboxDir,
      DOCKSIDE_DEMO_WEB_PORT: String(blockedPort),
      DOCKSIDE_READY_FILE: readyFile,
      DOCKER_HOST: 'unix:///nonexistent/docker.sock',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  npm.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  npm.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  await waitFor(
    () => {
      if (npm.exitCode !== null) throw new Error(`npm start exited with ${npm.exitCode}:\n${output}`);
      return fs.existsSync(readyFile);
    },
    'npm start to be ready',
    280_000,
  ).catch((err: Error) => {
    throw new Error(`${err.message}\n${output}`);
  });
  port = (JSON.parse(fs.readFileSync(readyFile, 'utf8')) as { port: number }).port;
  dockerdPid = Number(fs.readFileSync(path.join(sandboxDir, 'pid'), 'utf8'));
  // npm's own child: the server itself (scripts/start.sh and the shell npm runs it with both exec).
  const children = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p) && ppidOf(p) === npm.pid);
  npmChildren = children.map(Number);
  npmChildren.push(...fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p) && npmChildren.includes(ppidOf(p))).map(Number));
  expect(children.map(cmdlineOf), output).toEqual([expect.stringContaining('dist/server.mjs')]);
  serverPid = Number(children[0]);
}, 300_000);

afterAll(async () => {
  if (npm?.exitCode === null) npm.kill('SIGKILL');
  for (const pid of npmChildren) if (alive(pid)) process.kill(pid, 'SIGKILL');
  sandbox('stop', '--purge');
  blocker?.close();
  fs.rmSync(configDir, { recursive: true, force: true });
}, 120_000);

describe('npm start, as a person runs it', () => {
  it('prints no npm error or warning, and uses the sandbox engine it started', async () => {
    expect(output).not.toMatch(/^npm (error|warn|ERR)/m);
    expect(output).toContain(`Using the sandbox engine at ${host}`);
    expect(dockerdPid).toBeGreaterThan(0);
    expect(alive(dockerdPid)).toBe(true);
    expect(await portAnswers(port)).toBe(true);
  });

  it('seeds the demo on the sandbox’s first start: a page, a clock, a shell, a failure and a pause', async () => {
    expect(demoNames()).toEqual(DEMO);
    const state = (name: string) => JSON.parse(dockerCli('inspect', '--format', '{{json .State}}', name)) as { Status: string; ExitCode: number };
    expect(state('dockside-demo-web').Status).toBe('running');
    expect(state('dockside-demo-clock').Status).toBe('running');
    expect(state('dockside-demo-shell').Status).toBe('running');
    expect(dockerCli('inspect', '--format', '{{.Config.Tty}} {{.Config.OpenStdin}}', 'dockside-demo-shell')).toBe('true true');
    expect(state('dockside-demo-failed')).toMatchObject({ Status: 'exited', ExitCode: 3 });
    expect(state('dockside-demo-paused').Status).toBe('paused');

    // Published on 127.0.0.1, on a port the engine picked (the usual one was taken), serving its page.
    const published = dockerCli('port', 'dockside-demo-web', '80/tcp').split('\n')[0]!;
    expect(published).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(published).not.toBe(`127.0.0.1:${blockedPort}`);
    const page = await waitFor(async () => {
      const res = await fetch(`http://${published}/`);
      return res.ok ? res.text() : '';
    }, 'the demo page');
    expect(page).toContain('Hello from dockside-demo-web');

    // A line a second on stdout, every fifth on stderr.
    await waitFor(() => {
      const r = spawnSync('docker', ['-H', host, 'logs', 'dockside-demo-clock'], { encoding: 'utf8' });
      return /tick \d+ at/.test(r.stdout) && /every fifth line goes to stderr/.test(r.stderr) && !/stderr/.test(r.stdout);
    }, 'the clock to write to stdout and stderr', 20_000);
  });

  it('removes the demo with one request, audited; scripts/sandbox.sh demo and demo-remove do it from the shell', async () => {
    const token = fs.readFileSync(path.join(configDir, 'token'), 'utf8').trim();
    const res = await fetch(`http://127.0.0.1:${port}/api/demo`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { removed: string[] }).removed.sort()).toEqual(DEMO);
    expect(demoNames()).toEqual([]);
    const audit = fs.readFileSync(path.join(configDir, 'audit.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const entry = audit.find((e) => JSON.stringify(e).includes('/api/demo'));
    expect(entry, JSON.stringify(audit)).toBeDefined();
    expect(JSON.stringify(entry)).toContain('dockside-demo-web');

    // Nothing left to remove: an empty answer, not an error.
    const again = await fetch(`http://127.0.0.1:${port}/api/demo`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ removed: [] });

    expect(sandbox('demo').status).toBe(0);
    expect(demoNames()).toEqual(DEMO);
    expect(sandbox('demo-remove').status).toBe(0);
    expect(demoNames()).toEqual([]);
  }, 120_000);

  it('stops the server and the sandbox engine it started on SIGTERM to the npm start PID', async () => {
    const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
    process.kill(npm.pid!, 'SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('SIGTERM: shutting down');
    expect(output).toContain('Stopping the sandbox engine Dockside started');
    expect(alive(serverPid)).toBe(false);
    expect(alive(dockerdPid)).toBe(false);
    expect(await portAnswers(port)).toBe(false);
    expect(sandboxProcesses()).toEqual([]);
    expect(sandbox('status').status).toBe(1);
  }, 90_000);
});
