import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A real registry for tests: Debian's `docker-registry` (distribution 2.8) on 127.0.0.1 and a spare
 * port, with its own storage directory, deletion enabled, and optionally htpasswd auth (bcrypt, from
 * apache2-utils). Started and stopped by PID, like the sandbox engine. The engine may talk plain
 * HTTP to it: dockerd treats 127.0.0.0/8 as an insecure registry range by default.
 */
export interface TestRegistry {
  /** `127.0.0.1:<port>`, as image references and `docker login` name it. */
  address: string;
  port: number;
  url: string;
  dir: string;
  proc: ChildProcess;
  auth?: { username: string; password: string };
  output(): string;
  stop(): Promise<void>;
}

async function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function startRegistry(opts: { auth?: { username: string; password: string } } = {}): Promise<TestRegistry> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-registry-'));
  const port = await sparePort();
  const auth = opts.auth;
  if (auth) {
    const line = execFileSync('htpasswd', ['-Bbn', auth.username, auth.password], { encoding: 'utf8' });
    fs.writeFileSync(path.join(dir, 'htpasswd'), line, { mode: 0o600 });
  }
  const config = [
    'version: 0.1',
    'log:',
    '  level: warn',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${path.join(dir, 'data')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${port}`,
    ...(auth ? ['auth:', '  htpasswd:', '    realm: dockside-test', `    path: ${path.join(dir, 'htpasswd')}`] : []),
    '',
  ].join('\n');
  const configFile = path.join(dir, 'config.yml');
  fs.writeFileSync(configFile, config);
  let out = '';
  const proc = spawn('/usr/bin/docker-registry', ['serve', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  proc.stderr!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`docker-registry exited with ${proc.exitCode}:\n${out}`);
    try {
      const res = await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200 || res.status === 401) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`docker-registry did not answer on ${url}:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    address: `127.0.0.1:${port}`,
    port,
    url,
    dir,
    proc,
    ...(auth ? { auth } : {}),
    output: () => out,
    stop: async () => {
      if (proc.exitCode === null && proc.pid) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (proc.exitCode === null) proc.kill('SIGKILL');
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
