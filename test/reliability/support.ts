import { execFile, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import WebSocket from 'ws';
import { docker, waitFor } from '../support/docker-cli';
import type { RunningServer } from '../support/dockside-server';

/**
 * Helpers for the reliability suite: what the server process holds (read from /proc and `ss`, never
 * from the server itself), a private engine that tests may stop and start, and raw socket clients.
 */

const execFileAsync = promisify(execFile);

export const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** Inodes of the sockets a process has open (`/proc/<pid>/fd/* -> socket:[inode]`). */
function socketInodes(pid: number): Set<string> {
  const out = new Set<string>();
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) out.add(m[1]!);
    } catch {
      // Closed while we looked.
    }
  }
  return out;
}

/**
 * The process's open connections to the engine's unix socket. A client-side unix socket has no path
 * in /proc/net/unix; only the engine's accepted end carries the socket's path. `ss -x` gives each
 * socket's peer inode, so: the engine-side sockets bound to `socketPath`, their peers, and those of
 * them the process holds.
 */
export function engineConnections(pid: number, socketPath: string): number {
  const mine = socketInodes(pid);
  const table = execFileSync('ss', ['-xnH'], { encoding: 'utf8' });
  let n = 0;
  for (const line of table.split('\n')) {
    // Netid State Recv-Q Send-Q Local-Address Local-Inode Peer-Address Peer-Inode
    const f = line.trim().split(/\s+/);
    if (f.length < 8 || f[4] !== socketPath) continue;
    if (mine.has(f[7]!)) n++;
  }
  return n;
}

/** The socket path of a `unix://` DOCKER_HOST. */
export const socketPathOf = (host: string) => host.replace(/^unix:\/\//, '');

/** The latest count the server printed with DOCKSIDE_DEBUG_STATS=1 (engine stats streams open). */
export function statsStreamsOpen(server: RunningServer): number {
  const all = [...server.output().matchAll(/stats streams open: (\d+)/g)];
  return all.length ? Number(all.at(-1)![1]) : 0;
}

/** `docker top` without its header: one line per process in the container. */
export const processes = (id: string) => docker('top', id).split('\n').slice(1).filter(Boolean);

export const onlyMainProcess = (id: string, timeoutMs?: number) =>
  waitFor(() => processes(id).length === 1, `only the main process in ${id}; got ${JSON.stringify(processes(id))}`, timeoutMs);

// ---- a private engine, which a test may stop and start without disturbing anyone else ----

const sandboxScript = path.resolve(import.meta.dirname, '../../scripts/sandbox.sh');

export function privateEngine(name: string) {
  const dir = `/tmp/dockside-rel-${name}-${process.pid}`;
  const host = `unix://${dir}/docker.sock`;
  const run = (...args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const p = spawn('bash', [sandboxScript, ...args], { env: { ...process.env, DOCKSIDE_SANDBOX_DIR: dir }, stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      p.stderr.on('data', (d: Buffer) => (err += d.toString()));
      p.on('error', reject);
      p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`sandbox.sh ${args.join(' ')} failed (${code}):\n${err}`))));
    });
  return {
    dir,
    host,
    socketPath: `${dir}/docker.sock`,
    start: () => run('start'),
    stop: () => run('stop'),
    purge: () => run('stop', '--purge'),
    /** The docker CLI against this engine. */
    docker: (...args: string[]) => execFileSync('docker', ['-H', host, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim(),
    dockerAsync: async (...args: string[]) => (await execFileAsync('docker', ['-H', host, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })).stdout.trim(),
    /** Whether the engine answers `GET /_ping` right now (a quick, independent probe). */
    answers: () =>
      new Promise<boolean>((resolve) => {
        // A new connection each time: a stopping engine still serves the connections it has.
        const req = http.get({ socketPath: `${dir}/docker.sock`, path: '/_ping', timeout: 1000, agent: false }, (res) => {
          res.resume();
          resolve(res.statusCode === 200);
        });
        req.on('timeout', () => req.destroy());
        req.on('error', () => resolve(false));
      }),
  };
}

// ---- socket clients ----

export interface Client {
  ws: WebSocket;
  /** Text frames received, parsed. */
  frames: Array<Record<string, unknown> & { op: string; ch?: number }>;
  /** Binary payloads per channel. */
  binary: Map<number, Buffer[]>;
  send(frame: object): void;
  sendBinary(ch: number, payload: string | Buffer): void;
  output(ch: number): string;
  waitFrame(match: (f: Client['frames'][number]) => boolean, what: string, timeoutMs?: number): Promise<Client['frames'][number]>;
  /** The TCP socket underneath, for pausing it (a frozen tab) or resetting it. */
  tcp: import('node:net').Socket;
}

/** `keepBinary: false` for floods: the caller reads binary frames itself and nothing piles up here. */
export async function connect(server: RunningServer, opts: { keepBinary?: boolean } = {}): Promise<Client> {
  const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/ws`, { headers: { Authorization: `Bearer ${server.token}` } });
  const frames: Client['frames'] = [];
  const binary = new Map<number, Buffer[]>();
  ws.on('message', (data: Buffer, isBinary) => {
    if (!isBinary) return void frames.push(JSON.parse(data.toString('utf8')));
    if (opts.keepBinary === false) return;
    const ch = data.readUInt32BE(0);
    let list = binary.get(ch);
    if (!list) binary.set(ch, (list = []));
    list.push(data.subarray(4));
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  // A frame awaited on a socket that closed never comes: say so at once, with the close code (1006
  // after the server's heartbeat gave up on a client too busy to answer a ping), not after a timeout.
  const closed = new Promise<never>((_, reject) => ws.once('close', (code) => reject(new Error(`the socket closed (code ${code})`))));
  closed.catch(() => undefined);
  const client: Client = {
    ws,
    frames,
    binary,
    send: (frame) => ws.send(JSON.stringify(frame)),
    sendBinary: (ch, payload) => {
      const body = Buffer.from(payload);
      const frame = Buffer.alloc(4 + body.length);
      frame.writeUInt32BE(ch, 0);
      body.copy(frame, 4);
      ws.send(frame);
    },
    output: (ch) => Buffer.concat(binary.get(ch) ?? []).toString('utf8'),
    waitFrame: (match, what, timeoutMs = 15_000) =>
      Promise.race([waitFor(() => frames.find(match), what, timeoutMs), closed.catch((err: Error) => Promise.reject(new Error(`${err.message} while waiting for ${what}`)))]),
    tcp: (ws as unknown as { _socket: import('node:net').Socket })._socket,
  };
  return client;
}

/** Opens a channel and waits for `opened`; throws with the server's reason on `error`. */
export async function openChannel(c: Client, ch: number, kind: string, params?: object): Promise<void> {
  c.send({ op: 'open', ch, kind, ...(params ? { params } : {}) });
  // The server answers every open within its engine deadline (15 s), with `opened` or an error frame:
  // wait past that, so a slow engine on a busy machine shows as the server's own answer, not a race.
  const f = await c.waitFrame((x) => (x.op === 'opened' || x.op === 'error') && x.ch === ch, `channel ${ch} (${kind}) to open`, 30_000);
  if (f.op === 'error') throw new Error(`${kind} channel ${ch} refused: ${String(f.message)}`);
}
