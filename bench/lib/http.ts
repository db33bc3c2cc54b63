import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';

export interface Timed {
  ms: number;
  bytes: number;
  status: number;
}

export type Target = { socketPath: string } | { host: string; port: number };

/**
 * One GET with node:http, timed from the call to the last byte of the body. Both sides of a
 * comparison go through this same client (keep-alive agents), so only the server differs.
 */
export function timedGet(agent: http.Agent, target: Target, path: string, headers: Record<string, string> = {}): Promise<Timed> {
  return timed((onResponse) => http.request({ ...target, agent, method: 'GET', path, headers }, onResponse));
}

/** Times one request from send to the last byte of its body. */
function timed(send: (onResponse: (res: http.IncomingMessage) => void) => http.ClientRequest): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = send((res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.byteLength));
      res.on('end', () => resolve({ ms: performance.now() - t0, bytes, status: res.statusCode ?? 0 }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export const keepAlive = () => new http.Agent({ keepAlive: true, maxSockets: 4 });

/** The same timed GET over TLS (an engine on `tcp://` with `--tlsverify`): `agent` carries the CA and client certificate. */
export function timedHttpsGet(agent: https.Agent, host: string, port: number, path: string): Promise<Timed> {
  return timed((onResponse) => https.request({ host, port, agent, method: 'GET', path }, onResponse));
}

/**
 * The two sides of a Dockside-vs-engine read comparison, each on its own keep-alive agent: `raw`
 * GETs a path on the engine's unix socket, `ds` one on Dockside's port with the bench's bearer token;
 * `close` ends both agents' sockets.
 */
export function engineAndDockside(socketPath: string, server: { port: number; token: string }) {
  const rawAgent = keepAlive();
  const dsAgent = keepAlive();
  const auth = { Authorization: `Bearer ${server.token}` };
  return {
    raw: (p: string) => timedGet(rawAgent, { socketPath }, p),
    ds: (p: string) => timedGet(dsAgent, { host: '127.0.0.1', port: server.port }, p, auth),
    close: () => {
      rawAgent.destroy();
      dsAgent.destroy();
    },
  };
}
