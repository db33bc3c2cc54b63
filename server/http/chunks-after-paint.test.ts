import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CHUNKS_MAX_WAIT_MS, chunkLoaderScript, loadChunksAfterPaint, loadChunksAfterPaintInHead } from './chunks-after-paint';

const A = '/_next/static/chunks/2huiv3ucj6271.js';
const B = '/_next/static/chunks/turbopack-2u1d16houkiyo.js';
const tag = (src: string) => `<script src="${src}" async="" nonce="n0nce=="></script>`;
const HEAD =
  '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><style>body{}</style>' +
  `<link rel="preload" as="script" fetchPriority="low" nonce="n0nce==" href="/_next/static/chunks/0n47q50lo4lf3.js"/>${tag(A)}${tag(B)}` +
  '<title>Images — Dockside</title><script nonce="n0nce==">theme()</script>' +
  '<script src="/_next/static/chunks/0cz1d0mv5g_q7.js" noModule="" nonce="n0nce=="></script></head>';
const BODY = '<body><div role="row">é ✓ rows</div><script src="/_next/static/chunks/0n47q50lo4lf3.js" nonce="n0nce==" async=""></script></body></html>';

describe('loadChunksAfterPaintInHead', () => {
  it("takes out Next's async chunk scripts and adds the loader, with their nonce, at the head's end", () => {
    const out = loadChunksAfterPaintInHead(HEAD)!;
    expect(out).not.toContain(tag(A));
    expect(out).not.toContain(tag(B));
    expect(out).toContain(`<script nonce="n0nce==">${chunkLoaderScript([A, B])}</script></head>`);
    // The rest of the head is as it was: the preload, the title, the inline theme script, the legacy-browser script.
    expect(out.replace(/<script nonce="n0nce==">\(function\(\)\{var s=.*?<\/script><\/head>$/, '</head>')).toBe(HEAD.replace(tag(A) + tag(B), ''));
  });

  it('leaves a head without chunk scripts, or without its end, alone', () => {
    expect(loadChunksAfterPaintInHead('<head><title>x</title></head>')).toBeNull();
    expect(loadChunksAfterPaintInHead(`<head>${tag(A)}`)).toBeNull();
  });
});

/** Serves `parts` (written one by one) as the answer to any request, through loadChunksAfterPaint. */
async function serve(parts: Array<string | Buffer>, headers: Record<string, string | number> = { 'Content-Type': 'text/html; charset=utf-8' }) {
  const server = http.createServer((req, res) => {
    loadChunksAfterPaint(req, res);
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    const last = parts.length - 1;
    parts.forEach((p, i) => (i === last ? res.end(p) : res.write(p)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/images`;
}
const servers: http.Server[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

describe('loadChunksAfterPaint', () => {
  it('rewrites a head that arrives in pieces, and passes the body byte for byte (a character split between writes too)', async () => {
    const body = Buffer.from(BODY, 'utf8');
    const cut = body.indexOf(Buffer.from('é')) + 1; // inside the two bytes of "é"
    const url = await serve([HEAD.slice(0, 200), HEAD.slice(200), body.subarray(0, cut), body.subarray(cut)]);
    const got = await (await fetch(url)).text();
    expect(got).toBe(loadChunksAfterPaintInHead(HEAD)! + BODY);
  });

  it('drops a Content-Length that the rewrite would make wrong', async () => {
    const doc = HEAD + BODY;
    const url = await serve([doc], { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(doc) });
    const res = await fetch(url);
    const got = await res.text();
    expect(got).toBe(loadChunksAfterPaintInHead(HEAD)! + BODY);
    expect(Number(res.headers.get('content-length') ?? Buffer.byteLength(got))).toBe(Buffer.byteLength(got));
  });

  it('passes other answers and requests as they are: JSON, an RSC request, a POST', async () => {
    const doc = HEAD + BODY;
    expect(await (await fetch(await serve([doc], { 'Content-Type': 'application/json' }))).text()).toBe(doc);
    const html = await serve([doc]);
    expect(await (await fetch(html, { headers: { RSC: '1' } })).text()).toBe(doc);
    expect(await (await fetch(html, { method: 'POST', body: 'x' })).text()).toBe(doc);
  });
});

/** Runs the loader against a fake page whose paint, visibility and timers the test drives. */
function page({ visibility = 'visible', paintedAlready = false, paintTiming = true }: { visibility?: string; paintedAlready?: boolean; paintTiming?: boolean } = {}) {
  const added: Array<{ src: string; async: boolean }> = [];
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const observers: Array<(list: { getEntriesByName: (n: string) => unknown[] }, o: { disconnect: () => void }) => void> = [];
  const listeners: Array<() => void> = [];
  let painted = paintedAlready;
  const entries = (n: string) => (painted && n === 'first-contentful-paint' ? [{}] : []);
  const document = {
    visibilityState: visibility,
    addEventListener: (_: string, fn: () => void) => listeners.push(fn),
    createElement: () => ({ src: '', async: false }),
    head: { appendChild: (e: { src: string; async: boolean }) => added.push(e) },
  };
  const PerformanceObserver = paintTiming
    ? class {
        constructor(private cb: (typeof observers)[number]) {}
        observe() {
          observers.push(this.cb);
        }
      }
    : undefined;
  new Function('document', 'performance', 'PerformanceObserver', 'setTimeout', chunkLoaderScript([A, B]))(document, { getEntriesByName: entries }, PerformanceObserver, (fn: () => void, ms: number) =>
    timers.push({ fn, ms }),
  );
  return {
    added,
    paint: () => {
      painted = true;
      for (const cb of observers.splice(0)) cb({ getEntriesByName: entries }, { disconnect: () => {} });
    },
    timersDue: (upTo: number) => timers.splice(0).forEach((t) => (t.ms <= upTo ? t.fn() : timers.push(t))),
    hide: () => listeners.forEach((fn) => fn()),
  };
}

describe('chunkLoaderScript', () => {
  it('appends the chunks, async and in order, in a task after the first contentful paint, once', () => {
    const p = page();
    p.timersDue(0);
    expect(p.added).toEqual([]);
    p.paint();
    expect(p.added).toEqual([]);
    p.timersDue(0);
    expect(p.added).toEqual([
      { src: A, async: true },
      { src: B, async: true },
    ]);
    p.hide();
    p.timersDue(CHUNKS_MAX_WAIT_MS);
    expect(p.added).toHaveLength(2);
  });

  it('appends them at once when the page was already painted, the tab is hidden, or there is no paint timing', () => {
    for (const opts of [{ paintedAlready: true }, { visibility: 'hidden' }, { paintTiming: false }]) expect(page(opts).added).toHaveLength(2);
  });

  it('appends them when the tab is hidden meanwhile, and after CHUNKS_MAX_WAIT_MS without a paint', () => {
    const hidden = page();
    hidden.hide();
    hidden.timersDue(0);
    expect(hidden.added).toHaveLength(2);
    const never = page();
    never.timersDue(CHUNKS_MAX_WAIT_MS - 1);
    expect(never.added).toEqual([]);
    never.timersDue(CHUNKS_MAX_WAIT_MS);
    expect(never.added).toHaveLength(2);
  });
});
