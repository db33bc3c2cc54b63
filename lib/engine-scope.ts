import { DEFAULT_ENGINE_NAME, ENGINE_QUERY_PARAM } from './protocol/engine-name';

/**
 * The engine this tab is looking at. The URL is the truth (`?engine=<name>`, absent = the default
 * engine, see hooks/use-current-engine.tsx); this module keeps a copy that the API client and the
 * mux read at call time, so no page has to pass the engine along itself.
 */
let current: string = DEFAULT_ENGINE_NAME;

export function currentEngine(): string {
  return current;
}

/** Set by the provider that reads the URL (during its render, before any child fetches or opens a channel). */
export function setCurrentEngine(name: string): void {
  current = name;
}

/** The engine a URL's search names, or undefined when it names none (an empty value names none). */
export function engineFromSearch(search: URLSearchParams | string): string | undefined {
  const params = typeof search === 'string' ? new URLSearchParams(search.startsWith('?') ? search.slice(1) : search) : search;
  return params.get(ENGINE_QUERY_PARAM) || undefined;
}

/** Splits `path?query#hash` without needing an origin (hrefs are relative). */
function splitHref(href: string): { path: string; params: URLSearchParams; hash: string } {
  const hashAt = href.indexOf('#');
  const hash = hashAt >= 0 ? href.slice(hashAt) : '';
  const rest = hashAt >= 0 ? href.slice(0, hashAt) : href;
  const queryAt = rest.indexOf('?');
  return { path: queryAt >= 0 ? rest.slice(0, queryAt) : rest, params: new URLSearchParams(queryAt >= 0 ? rest.slice(queryAt + 1) : ''), hash };
}

function joinHref(path: string, params: URLSearchParams, hash: string): string {
  const qs = params.toString();
  return `${path}${qs ? `?${qs}` : ''}${hash}`;
}

/**
 * An internal page link on `engine`: `engine=<name>` set (replacing any other), or removed for the
 * default engine so single-engine URLs stay clean. Other parameters and the hash are kept.
 * `explicit` keeps `engine=default` in the URL (the switcher: a deliberate choice of the default).
 */
export function hrefForEngine(href: string, engine: string = current, explicit = false): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return href; // Not ours.
  const { path, params, hash } = splitHref(href);
  if (engine === DEFAULT_ENGINE_NAME && !explicit) params.delete(ENGINE_QUERY_PARAM);
  else params.set(ENGINE_QUERY_PARAM, engine);
  return joinHref(path, params, hash);
}

/** An API path on `engine`, unless the path already names an engine itself (a page showing several). */
export function apiPathForEngine(path: string, engine: string = current): string {
  const { path: p, params, hash } = splitHref(path);
  if (params.has(ENGINE_QUERY_PARAM) || engine === DEFAULT_ENGINE_NAME) return path;
  params.set(ENGINE_QUERY_PARAM, engine);
  return joinHref(p, params, hash);
}

/**
 * Where the switcher takes a page on another engine: the same list with its filters (`/containers?status=running`),
 * but a detail page (`/containers/web/logs`) goes to its section's list, since that object
 * belongs to the engine being left. The engine is named explicitly, `default` included.
 */
export function switchHref(pathname: string, search: string, engine: string): string {
  const [section] = pathname.split('/').filter(Boolean);
  const isDetail = pathname.split('/').filter(Boolean).length > 1;
  const href = isDetail ? `/${section}` : `${pathname}${search && search !== '?' ? (search.startsWith('?') ? search : `?${search}`) : ''}`;
  return hrefForEngine(href, engine, true);
}
