import type { IncomingMessage } from 'node:http';
import os from 'node:os';

const bracket = (h: string) => (h.includes(':') && !h.startsWith('[') ? `[${h}]` : h);

/**
 * The Host names Dockside answers to: exactly the names of the address it listens on, plus what the
 * user configured. Anything else — a rebinding attacker's domain, `127.1`, `0x7f000001`,
 * `[::ffff:127.0.0.1]`, `localhost.` — is refused, so a page that resolves its own name to
 * 127.0.0.1 still cannot talk to us. Comparison is exact (after lower-casing), never a parse.
 */
export function allowedHostSet(bindHost: string, port: number, extra: string[], interfaces = os.networkInterfaces()): Set<string> {
  const names = new Set<string>();
  const add = (h: string) => names.add(`${bracket(h)}:${port}`.toLowerCase());
  if (bindHost === '127.0.0.1' || bindHost === 'localhost' || bindHost === '::1') {
    add('localhost');
    add('127.0.0.1');
    add('::1');
  } else if (bindHost === '0.0.0.0' || bindHost === '::') {
    // A wildcard bind listens on every interface: its addresses are the ones we "listen on".
    add('localhost');
    for (const list of Object.values(interfaces)) {
      for (const a of list ?? []) {
        if (a.family === 'IPv4' || bindHost === '::') add(a.address.replace(/%.*$/, ''));
      }
    }
  } else {
    add(bindHost);
  }
  // A configured name without a port means "on our port".
  for (const h of extra) names.add((/(^[^:]+|\]):\d+$/.test(h) ? h : `${bracket(h)}:${port}`).toLowerCase());
  return names;
}

export function hostAllowed(req: IncomingMessage, allowed: Set<string>): boolean {
  const host = req.headers.host?.toLowerCase();
  return Boolean(host && allowed.has(host));
}

/**
 * Fetch Metadata: a browser tells us where a request came from. `same-site` includes other ports
 * on localhost, so only `same-origin` counts as ours; `none` is the user typing a URL.
 * Absent (old browsers, scripts) says nothing either way.
 */
export function fetchSite(req: IncomingMessage): string | undefined {
  const site = req.headers['sec-fetch-site'];
  return typeof site === 'string' ? site.toLowerCase() : undefined;
}

/** The request came from our own pages, not another site or another localhost port. */
export function sameOrigin(req: IncomingMessage, scheme: 'http' | 'https'): { ok: boolean; why?: string } {
  const site = fetchSite(req);
  if (site && site !== 'same-origin') return { ok: false, why: `Cross-site request refused (Sec-Fetch-Site: ${site}).` };
  const origin = req.headers.origin;
  if (!origin) return { ok: false, why: 'Missing Origin header: requests that change something must come from a Dockside page.' };
  // Exact scheme, host and port: `null` (sandboxed frames, file://) and other localhost ports are foreign.
  if (origin !== `${scheme}://${req.headers.host?.toLowerCase()}`) return { ok: false, why: `Request from a foreign origin (${origin.slice(0, 100)}) refused.` };
  return { ok: true };
}
