import type { IncomingMessage, ServerResponse } from 'node:http';

/** Longest wait for the first contentful paint before the chunks load anyway (a page with nothing contentful). */
export const CHUNKS_MAX_WAIT_MS = 500;
/** A document head larger than this is passed on as it is (Next's are ~40 kB, most of it the inlined CSS). */
const HEAD_LIMIT = 512 * 1024;
const HEAD_END = Buffer.from('</head>');

/** Next's `<script src="/_next/static/chunks/…" async="" nonce="…"></script>` in a document's head. */
const CHUNK_SCRIPT = /<script src="(\/_next\/static\/chunks\/[\w.~-]+\.js)" async=""(?: nonce="([^"]*)")?><\/script>/g;

/**
 * The inline script that takes the chunk scripts' place: it appends them (`async`, as Next had them,
 * so React's `script[async][src]` lookup finds them and does not add a second copy) in the first task
 * after the page's first contentful paint is reported; at once when that paint already happened or
 * the tab is hidden (nothing is painted until it is shown), when the tab is hidden meanwhile, and
 * after CHUNKS_MAX_WAIT_MS at the latest. Self-contained ES5: it runs before anything else.
 */
export function chunkLoaderScript(srcs: readonly string[]): string {
  return (
    `(function(){var s=${JSON.stringify(srcs)},done=false;` +
    'function go(){if(done)return;done=true;for(var i=0;i<s.length;i++){var e=document.createElement("script");e.src=s[i];e.async=true;document.head.appendChild(e)}}' +
    'function soon(){setTimeout(go,0)}' +
    'try{if(document.visibilityState!=="visible"||performance.getEntriesByName("first-contentful-paint").length){go();return}' +
    'new PerformanceObserver(function(l,o){if(l.getEntriesByName("first-contentful-paint").length){o.disconnect();soon()}}).observe({type:"paint",buffered:true})}catch(e){go();return}' +
    `document.addEventListener("visibilitychange",soon);setTimeout(go,${CHUNKS_MAX_WAIT_MS})})()`
  );
}

/**
 * A document head with Next's chunk scripts replaced by the loader (chunkLoaderScript), or null when
 * it has none. The loader carries the scripts' CSP nonce ('strict-dynamic' lets the scripts it adds run).
 */
export function loadChunksAfterPaintInHead(head: string): string | null {
  const srcs: string[] = [];
  let nonce: string | undefined;
  const rest = head.replace(CHUNK_SCRIPT, (_, src: string, n: string | undefined) => {
    srcs.push(src);
    nonce ??= n;
    return '';
  });
  const at = rest.lastIndexOf('</head>');
  if (srcs.length === 0 || at < 0) return null;
  const open = nonce === undefined ? '<script>' : `<script nonce="${nonce}">`;
  return `${rest.slice(0, at)}${open}${chunkLoaderScript(srcs)}</script>${rest.slice(at)}`;
}

/**
 * A full page load's app scripts start after the browser has shown the server-rendered page.
 *
 * Next marks its chunk scripts `async` (vercel/next.js#66958, open): the browser runs each as soon
 * as it has it, and from the cache that is while the page is still being parsed and painted. The
 * list pages come with their first rows (issue 18, "the first screen"), and the chunks' loading,
 * compiling and running took the main thread and the second core before those rows reached the
 * screen. On /images at 1006 images (Chromium, 1400×900, 30 interleaved loads a side, two
 * rounds), rows on screen p50 236 → 196 ms and 224 → 180 ms, hydration done at the same time as
 * before (390 vs 395 ms, 363 vs 369 ms). Bench figure 20 (rows on screen ÷ the engine's own list
 * call) was 3.95× in the full run before; with this alone 3.01× and 3.02× (two partial runs), with
 * the tables' deferred overscan too 2.68× (partial) and 3.37× (full run). Marking the chunks
 * `defer`, or preloading them, changed nothing (saved copies of the page); holding only the app's
 * entry until the paint neither (232 vs 236 ms, live).
 *
 * Rewrites only the head of an HTML answer to a GET for a document (not an RSC request), and only
 * while its headers are not sent or carry no Content-Length; anything else passes as it is.
 */
export function loadChunksAfterPaint(req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' || req.headers.rsc === '1') return;
  const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  let state: 'undecided' | 'head' | 'passed' = 'undecided';
  let held: Buffer[] = [];
  let heldBytes = 0;

  const decide = (): void => {
    const type = String(res.getHeader('content-type') ?? '');
    const lengthSent = res.headersSent && res.getHeader('content-length') !== undefined;
    if (!type.startsWith('text/html') || lengthSent) {
      state = 'passed';
      return;
    }
    if (!res.headersSent) res.removeHeader('content-length');
    state = 'head';
  };
  /** Hands on what was held, the head rewritten when it is complete (`final`: nothing more comes). */
  const release = (final: boolean): Buffer | null => {
    const all = Buffer.concat(held);
    const at = all.indexOf(HEAD_END);
    if (at < 0 && !final && heldBytes < HEAD_LIMIT) return null;
    held = [];
    heldBytes = 0;
    state = 'passed';
    if (at < 0) return all;
    // The head ends with an ASCII tag, so it is whole UTF-8; the bytes after it pass untouched.
    const headEnd = at + HEAD_END.length;
    const rewritten = loadChunksAfterPaintInHead(all.subarray(0, headEnd).toString('utf8'));
    return rewritten === null ? all : Buffer.concat([Buffer.from(rewritten, 'utf8'), all.subarray(headEnd)]);
  };
  const take = (chunk: unknown, encoding: unknown): void => {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : Buffer.from(chunk as Uint8Array);
    held.push(buf);
    heldBytes += buf.length;
  };

  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (state === 'undecided') decide();
    if (state === 'passed') return write(chunk, ...rest);
    take(chunk, typeof rest[0] === 'string' ? rest[0] : undefined);
    const callback = rest.find((x) => typeof x === 'function') as (() => void) | undefined;
    const out = release(false);
    if (out === null) {
      callback?.();
      return true;
    }
    return callback ? write(out, callback) : write(out);
  }) as ServerResponse['write'];

  res.end = ((...args: unknown[]) => {
    if (state === 'undecided' && typeof args[0] !== 'function' && args[0] !== undefined) decide();
    if (state !== 'head') return end(...args);
    const [chunk, ...rest] = typeof args[0] === 'function' ? [undefined, ...args] : args;
    if (chunk !== undefined && chunk !== null) take(chunk, typeof rest[0] === 'string' ? rest[0] : undefined);
    const out = release(true);
    const callback = rest.find((x) => typeof x === 'function');
    return callback ? end(out, callback) : end(out);
  }) as ServerResponse['end'];
}
