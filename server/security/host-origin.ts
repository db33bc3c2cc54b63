import type { IncomingMessage } from 'node:http';

/**
 * The Host names Dockside answers to: exactly the names of the address it listens on, plus what the
 * user configured. Anything else — a rebinding attacker's domain, `127.1`, `0x7f000001` — is refused,
 * so a page that resolves its own name to 127.0.0.1 still cannot talk to us.
 */
export function allowedHostSet(bindHost: string, port: number, extra: string[]): Set<string> {
  const names = new Set<string>();
  const add = (h: string) => names.add(`${h}:${port}`.toLowerCase());
  if (bindHost === '127.0.0.1' || bindHost === 'localhost' || bindHost === '::1') {
    add('localhost');
    add('127.0.0.1');
    add('[::1]');
  } else if (bindHost === '0.0.0.0' || bindHost === '::') {
    add('localhost');
    add('127.0.0.1');
  } else {
    add(bindHost.includes(':') ? `[${bindHost}]` : bindHost);
  }
  // A configured name without a port means "on our port".
  for (const h of extra) names.add((/(^[^:]+|\]):\d+$/.test(h) ? h : `${h}:${port}`).toLowerCase());
  return names;
}

export function hostAllowed(req: IncomingMessage, allowed: Set<string>): boolean {
  const host = req.headers.host?.toLowerCase();
  return Boolean(host && allowed.has(host));
}

/** The request came from our own pages, not another site or another localhost port. */
export function sameOrigin(req: IncomingMessage, scheme: 'http' | 'https'): { ok: boolean; why?: string } {
  const site = req.headers['sec-fetch-site'];
  if (site && site !== 'same-origin') return { ok: false, why: `Cross-site request refused (Sec-Fetch-Site: ${String(site)}).` };
  const origin = req.headers.origin;
  if (!origin) return { ok: false, why: 'Missing Origin header.' };
  if (origin !== `${scheme}://${req.headers.host}`) return { ok: false, why: 'Request from a foreign origin refused.' };
  return { ok: true };
}
