import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** JSON answers load nothing and may be framed by nothing: the strictest policy there is. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Sent with every response, page or API. */
const COMMON_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  ['Referrer-Policy', 'no-referrer'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
];

/**
 * An API answer's security headers as `writeHead`'s flat [name, value, …] list, for the routes the
 * custom server answers itself: one `writeHead` with a fixed list costs measurably less than six
 * `setHeader` calls on the hottest route (BENCHMARKS.md, figure 1).
 */
export const API_SECURITY_HEADERS: readonly string[] = [['Content-Security-Policy', API_CSP], ...COMMON_HEADERS].flat();

function documentCsp(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // Inline style attributes come from React (virtualised rows, xterm); scripts stay locked.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Security headers for every response. Pages get a CSP that allows only our own scripts plus
 * Next's inline bootstrap scripts, which carry a per-request nonce: Next reads the nonce from the
 * request's `content-security-policy` header, so we put the same policy there before handing over.
 * API answers never run script, so they get no nonce (and skip drawing random bytes per call).
 */
export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse, dev: boolean): void {
  let csp = API_CSP;
  if (!req.url?.startsWith('/api/')) {
    csp = documentCsp(crypto.randomBytes(16).toString('base64'), dev);
    req.headers['content-security-policy'] = csp;
  }
  res.setHeader('Content-Security-Policy', csp);
  for (const [name, value] of COMMON_HEADERS) res.setHeader(name, value);
}
