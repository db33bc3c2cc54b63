import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { EventsHub } from '../hub/events-hub';
import type { Gate } from '../security/gate';
import { Connection } from './connection';

const HEARTBEAT_MS = 15_000;
export const MAX_WS_PAYLOAD = 1024 * 1024;

function refuse(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ message });
  socket.end(
    `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : status === 421 ? 'Misdirected Request' : status === 404 ? 'Not Found' : 'Forbidden'}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * Owns the HTTP `upgrade` event: `/ws` becomes a Dockside socket after the gate has checked Host,
 * Origin and the session; Next's own dev upgrades (HMR) go to Next; everything else is refused.
 */
export function createUpgradeRouter(opts: {
  gate: Gate;
  hub: EventsHub;
  nextUpgrade: ((req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>) | null;
}) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_PAYLOAD, perMessageDeflate: false });
  const connections = new Set<Connection>();

  const heartbeat = setInterval(() => {
    for (const c of connections) c.heartbeat();
  }, HEARTBEAT_MS);
  heartbeat.unref();

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const pathname = (req.url ?? '').split('?')[0];
    if (pathname === '/ws') {
      const verdict = opts.gate.check(req, 'upgrade');
      if (!verdict.ok) return refuse(socket, verdict.status, verdict.body.message);
      wss.handleUpgrade(req, socket, head, (ws) => {
        const conn = new Connection(ws, opts.hub);
        connections.add(conn);
        ws.on('close', () => connections.delete(conn));
      });
      return;
    }
    if (opts.nextUpgrade && pathname?.startsWith('/_next/')) {
      const verdict = opts.gate.check(req, 'upgrade');
      if (!verdict.ok) return refuse(socket, verdict.status, verdict.body.message);
      void opts.nextUpgrade(req, socket, head);
      return;
    }
    refuse(socket, 404, 'Only /ws accepts WebSocket upgrades.');
  }

  function close(): void {
    clearInterval(heartbeat);
    for (const client of wss.clients) client.close(1001, 'Server shutting down');
    wss.close();
  }

  return { onUpgrade, close, connections };
}
