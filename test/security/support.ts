import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { docker, runContainer, createContainer, testRun } from '../support/docker-cli';
import type { RunningServer } from '../support/dockside-server';

/**
 * Helpers for the adversarial suite. Requests go out raw (node:http with our own Host, or a bare TCP
 * socket) because fetch normalises exactly the headers and targets these tests need to forge.
 */

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One HTTP request with exactly these headers: Host defaults to the server's, `host: ''` omits it. */
export function raw(
  server: Pick<RunningServer, 'port'>,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; chunked?: boolean },
): Promise<RawResponse> {
  const headers: Record<string, string> = { host: `127.0.0.1:${server.port}`, ...opts.headers };
  if (headers.host === '') delete headers.host;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, method: opts.method ?? 'GET', path: opts.path, headers, setHost: false, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (opts.chunked) req.setHeader('transfer-encoding', 'chunked');
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** Bytes on a bare socket, for request targets node:http would not send. Returns the status line's code. */
export function rawSocket(port: number, request: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    let text = '';
    const done = () => {
      sock.destroy();
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), text });
    };
    sock.on('data', (d: Buffer) => {
      text += d.toString('latin1');
      // A 101 keeps the socket open: the status line is all we need.
      if (/^HTTP\/1\.1 101/.test(text) && text.includes('\r\n\r\n')) done();
    });
    sock.on('end', done);
    sock.on('close', done);
    sock.on('error', reject);
    sock.write(request);
  });
}

/** A WebSocket handshake with exactly these headers and target; the status the server answered. */
export async function tryUpgrade(port: number, opts: { target?: string; headers?: Record<string, string> }): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = {
    Host: `127.0.0.1:${port}`,
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Sec-WebSocket-Key': crypto.randomBytes(16).toString('base64'),
    'Sec-WebSocket-Version': '13',
    ...opts.headers,
  };
  const lines = Object.entries(headers)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}: ${v}`);
  return rawSocket(port, `GET ${opts.target ?? '/ws'} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
}

/** Signs in through the printed link, as the user would; returns the Cookie header value. */
export async function signIn(server: RunningServer): Promise<string> {
  const res = await raw(server, { path: `/?token=${server.token}` });
  const setCookie = res.headers['set-cookie']?.[0];
  if (res.status !== 303 || !setCookie) throw new Error(`sign-in failed: ${res.status}`);
  return setCookie.split(';')[0]!;
}

/** Headers our own page sends on a mutation: the cookie, our exact Origin, JSON and the CSRF header. */
export function ownPage(server: RunningServer, cookie: string): Record<string, string> {
  return { cookie, origin: `http://127.0.0.1:${server.port}`, 'sec-fetch-site': 'same-origin', 'x-dockside-csrf': '1', 'content-type': 'application/json' };
}

export const bearer = (server: RunningServer) => ({ authorization: `Bearer ${server.token}` });

// ---- the API's routes, discovered from app/api so a route added later is covered too ----

const root = path.resolve(import.meta.dirname, '../..');
export const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export interface ApiRoute {
  template: string;
  methods: string[];
  dynamic: boolean;
}

/** API routes the custom server answers itself (server/http/*-route.ts, dispatched in server/main.ts), with no route.ts. */
const SERVED_BEFORE_NEXT: ApiRoute[] = [{ template: '/api/run', methods: ['POST'], dynamic: false }];

export function apiRoutes(): ApiRoute[] {
  const out: ApiRoute[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'route.ts') {
        const src = fs.readFileSync(p, 'utf8');
        const methods = METHODS.filter((m) => new RegExp(`export\\s+(const|async function|function)\\s+${m}\\b`).test(src));
        const template = `/${path.relative(path.join(root, 'app'), path.dirname(p)).split(path.sep).join('/')}`;
        out.push({ template, methods, dynamic: template.includes('[') });
      }
    }
  };
  walk(path.join(root, 'app/api'));
  out.push(...SERVED_BEFORE_NEXT);
  return out.sort((a, b) => a.template.localeCompare(b.template));
}

/** Every dynamic segment (`[id]`, `[...ref]`) replaced by `value` (already encoded as it goes on the wire). */
export const fill = (template: string, value: string) => template.replace(/\[(\.\.\.)?[^\]]+\]/g, value);

export const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// ---- the engine, seen through the docker CLI ----

/**
 * Things a broken gate could change: a running container (stop/kill/exec would show in its state,
 * StartedAt and ExecIDs), an exited one (remove/prune would delete it), a volume and an image tag.
 */
export function engineFixture(name: string) {
  const t = testRun(name);
  const running = runContainer(t.label, t.name('run'), []);
  const exited = createContainer(t.label, t.name('exited'));
  const volume = t.name('vol');
  docker('volume', 'create', '--label', t.label, volume);
  const image = `${t.name('img')}:keep`;
  docker('tag', 'dockside/busybox', image);
  return {
    ...t,
    running,
    runningName: t.name('run'),
    exited,
    exitedName: t.name('exited'),
    volume,
    image,
    /** A string that changes if anything above changed. */
    snapshot(): string {
      const ids = docker('ps', '-aq', '--no-trunc', '--filter', `label=${t.label}`).split('\n').filter(Boolean).sort();
      const containers = ids.length ? docker('inspect', '--format', '{{.Id}} {{.Name}} {{.State.Status}} {{.State.StartedAt}} {{json .ExecIDs}}', ...ids) : '';
      const vol = docker('volume', 'ls', '-q', '--filter', `label=${t.label}`);
      const img = docker('image', 'inspect', '--format', '{{.Id}}', image);
      return [containers, vol, img].join('\n');
    },
    cleanupAll(): void {
      t.cleanup();
      try {
        docker('volume', 'rm', '-f', volume);
      } catch {
        // Already gone.
      }
      try {
        docker('rmi', image);
      } catch {
        // Already gone.
      }
    },
  };
}
