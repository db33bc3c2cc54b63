import type { IncomingMessage } from 'node:http';
import { listEngineEntries } from '../engine';

/**
 * `/` with one engine is that engine's Containers page, as it always was: the custom server answers a
 * page load of `/` with a redirect there before Next renders anything, so nobody with one engine
 * waits for a page that only sends them on. With several engines `/` is the home page (every engine
 * at a glance), rendered by Next. Next's own client navigations (`RSC` requests) are left to the page,
 * which makes the same choice in the browser.
 */
export function homeRedirect(req: IncomingMessage): string | null {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  const url = req.url ?? '';
  if (url !== '/' && !url.startsWith('/?')) return null;
  // The sign-in link (`/?token=`) is exchanged for a session first (security/auth-routes.ts).
  if (/[?&]token=/.test(url)) return null;
  if (req.headers.rsc !== undefined || req.headers['next-router-state-tree'] !== undefined) return null;
  if (listEngineEntries().length > 1) return null;
  return `/containers${url.slice(1)}`;
}
