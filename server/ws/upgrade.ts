import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { EngineHubs } from '../hub/engine-hubs';
import { auditChannelOpens } from '../security/audit-ws';
import type { Gate } from '../security/gate';
import { Connection } from './connection';

/**
 * Every socket is pinged this often; one that has not answered the previous ping by the next is
 * terminated (a killed tab, a reset connection, a frozen client), which releases its channels.
 * `DOCKSIDE_HEARTBEAT_MS` shortens it for tests.
 */
export function heartbeatInterval(env: Record<string, string | undefined> = process.env): number {
  const ms = Number(env.DOCKSIDE_HEARTBEAT_MS);
  return Number.isInteger(ms) && ms >= 100 ? ms : 15_000;
}
export const MAX_WS_PAYLOAD = 1024 * 1024;
/** Open sockets per session (or for all bearer scripts together): one per tab is the normal case. */
export const MAX_SOCKETS_PER_SESSION = 32;

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  421: 'Misdirected Request',
  429: 'Too Many Requests',
};

function refuse(socket: Duplex, status: number, message: string, code = 'forbidden'): void {
  const body = JSON.stringify({ code, message });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Forbidden'}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * Owns the HTTP `upgrade` event: `/ws` becomes a Dockside socket after the gate has checked Host,
 * Origin and the session; Next's own dev upgrades (HMR) go to Next; everything else is refused.
 */
export function createUpgradeRouter(opts: {
  gate: Gate;
  hubs: EngineHubs;
  nextUpgrade: ((req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>) | null;
}) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_PAYLOAD, perMessageDeflate: false });
  const connections = new Set<Connection>();
  const socketsPerSubject = new Map<string, number>();

  const heartbeat = setInterval(() => {
    for (const c of connections) c.heartbeat();
  }, heartbeatInterval());
  heartbeat.unref();

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    // The gate goes first for every upgrade, so a foreign Host or Origin is refused whatever the path.
    const verdict = opts.gate.check(req, 'upgrade');
    if (!verdict.ok) return refuse(socket, verdict.status, verdict.body.message, verdict.body.code);
    const pathname = (req.url ?? '').split('?')[0];
    if (pathname === '/ws') {
      const open = socketsPerSubject.get(verdict.subject) ?? 0;
      if (open >= MAX_SOCKETS_PER_SESSION) {
        return refuse(socket, 429, `Too many open Dockside connections for this session (limit ${MAX_SOCKETS_PER_SESSION}). Close some tabs.`, 'rate_limited');
      }
      socketsPerSubject.set(verdict.subject, open + 1);
      let counted = true;
      const release = () => {
        if (!counted) return;
        counted = false;
        const n = (socketsPerSubject.get(verdict.subject) ?? 1) - 1;
        if (n > 0) socketsPerSubject.set(verdict.subject, n);
        else socketsPerSubject.delete(verdict.subject);
      };
      // A handshake that ws rejects (bad key, wrong method) never opens: give the slot back.
      socket.once('close', release);
      wss.handleUpgrade(req, socket, head, (ws) => {
        auditChannelOpens(ws, verdict.subject, req.socket.remoteAddress ?? 'unknown');
        const conn = new Connection(ws, opts.hubs);
        connections.add(conn);
        ws.on('close', () => {
          connections.delete(conn);
          release();
        });
      });
      return;
    }
    if (opts.nextUpgrade && pathname?.startsWith('/_next/')) {
      void opts.nextUpgrade(req, socket, head);
      return;
    }
    refuse(socket, 404, 'Only /ws accepts WebSocket upgrades.', 'not_found');
  }

  function close(): void {
    clearInterval(heartbeat);
    for (const client of wss.clients) client.close(1001, 'Server shutting down');
    wss.close();
  }

  return { onUpgrade, close, connections };
}
