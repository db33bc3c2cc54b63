import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** JSON answers load nothing and may be framed by nothing: the strictest policy there is. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

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
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}
