/*
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
 */

/** Longest wait for the first contentful paint before the chunks load anyway (a page with nothing contentful). */
export const CHUNKS_MAX_WAIT_MS = 500;

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
