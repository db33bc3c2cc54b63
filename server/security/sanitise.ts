import type { IncomingMessage } from 'node:http';
import { SESSION_COOKIE } from './sessions';

// Headers a proxy or Next itself would set; from a client they are a way to confuse Next
// (x-middleware-subrequest skipped middleware in CVE-2025-29927). We have no proxy in front.
const PROXY_HEADER = /^(x-middleware-|x-invoke-|x-forwarded-|x-matched-path$|x-now-route-matches$|forwarded$|x-real-ip$)/;

/**
 * After the gate has checked the credentials, Next gets the request without them: route handlers
 * and pages never need the token or the session id, and what Next never sees it cannot log or leak.
 */
export function stripForNext(req: IncomingMessage): void {
  delete req.headers.authorization;
  const cookie = req.headers.cookie;
  if (cookie) {
    const rest = cookie
      .split(';')
      .map((p) => p.trim())
      .filter((p) => p && !p.startsWith(`${SESSION_COOKIE}=`));
    if (rest.length) req.headers.cookie = rest.join('; ');
    else delete req.headers.cookie;
  }
  for (const name of Object.keys(req.headers)) if (PROXY_HEADER.test(name)) delete req.headers[name];
}
