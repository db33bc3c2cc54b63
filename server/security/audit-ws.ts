import type { WebSocket } from 'ws';
import { audit, summariseForAudit } from './audit';

const AUDITED_KINDS = new Set(['exec', 'attach']);

/**
 * Exec and attach are the most powerful things a socket can do, so opening one is audited like a
 * mutation. This listens beside the connection's own handler and only notes the request (the
 * channel answers `opened` or `error` on its own). The command is reduced to its program name and
 * argument count: arguments can hold secrets (`mysql -pSECRET`).
 */
export function auditChannelOpens(ws: WebSocket, who: string, remote: string): void {
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary || data.byteLength > 64 * 1024 || !data.includes('"open"')) return;
    let frame: { op?: unknown; kind?: unknown; ch?: unknown; params?: Record<string, unknown> };
    try {
      frame = JSON.parse(data.toString('utf8')) as typeof frame;
    } catch {
      return;
    }
    if (frame.op !== 'open' || typeof frame.kind !== 'string' || !AUDITED_KINDS.has(frame.kind)) return;
    const p = frame.params ?? {};
    const cmd = Array.isArray(p.cmd) ? p.cmd : undefined;
    audit({
      who,
      remote,
      method: 'WS',
      route: `/ws ${frame.kind}`,
      target: typeof p.container === 'string' ? p.container.slice(0, 128) : undefined,
      action: frame.kind,
      detail: summariseForAudit({
        ...(cmd ? { program: String(cmd[0]).slice(0, 100), args: cmd.length - 1 } : {}),
        ...(p.user !== undefined ? { user: p.user } : {}),
        ...(p.workdir !== undefined ? { workdir: p.workdir } : {}),
        ...(p.write !== undefined ? { write: p.write } : {}),
      }),
    });
  });
}
