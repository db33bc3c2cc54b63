import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  configDir: string;
  proc: ChildProcess;
  /** Everything the server printed, for tests that check what reaches the log. */
  output(): string;
  stop(): Promise<void>;
  /** fetch with the bearer token (as a script would call the API). */
  api(pathname: string, init?: RequestInit): Promise<Response>;
}

/** Node's options for the server, as `npm start` runs it (server/node-flags, one a line, '#' comments). */
export function serverNodeFlags(): string[] {
  return fs
    .readFileSync(path.join(root, 'server/node-flags'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/**
 * How node runs the server: the TypeScript source through tsx, or the bundle `npm start` runs when
 * DOCKSIDE_SERVER_BUNDLE names it (`npm test` and the bench do, after building it).
 */
export function serverEntry(env: Record<string, string> = {}): string[] {
  const bundle = env.DOCKSIDE_SERVER_BUNDLE ?? process.env.DOCKSIDE_SERVER_BUNDLE;
  return bundle ? [path.resolve(root, bundle)] : ['--import', 'tsx', path.join(root, 'server/main.ts')];
}

/**
 * Starts the real Dockside server (production build) on a free port against DOCKER_HOST. With
 * `opts.configDir` it uses that config directory (a restart of an earlier server) and leaves it in
 * place when stopped; otherwise it makes a fresh one and removes it.
 */
export async function startDockside(args: string[] = [], env: Record<string, string> = {}, opts: { configDir?: string } = {}): Promise<RunningServer> {
  const configDir = opts.configDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-test-'));
  const readyFile = path.join(configDir, 'ready.json');
  fs.rmSync(readyFile, { force: true });
  let out = '';
  const entry = serverEntry(env);
  const proc = spawn(process.execPath, [...serverNodeFlags(), ...entry, '--port', '0', '--config-dir', configDir, '--sandbox', 'never', ...args], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', DOCKSIDE_READY_FILE: readyFile, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 60_000;
  while (!fs.existsSync(readyFile)) {
    if (proc.exitCode !== null) throw new Error(`Dockside exited with ${proc.exitCode}:\n${out}`);
    if (Date.now() > deadline) throw new Error(`Dockside did not start in time:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const { port } = JSON.parse(fs.readFileSync(readyFile, 'utf8')) as { port: number };
  const tokenFile = path.join(configDir, 'token');
  const token = fs.existsSync(tokenFile) ? fs.readFileSync(tokenFile, 'utf8').trim() : '';
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    token,
    configDir,
    proc,
    output: () => out,
    api: (pathname, init = {}) =>
      fetch(url + pathname, { ...init, headers: { Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) } }),
    stop: async () => {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 8000))]);
        if (proc.exitCode === null) proc.kill('SIGKILL');
      }
      if (!opts.configDir) fs.rmSync(configDir, { recursive: true, force: true });
    },
  };
}
