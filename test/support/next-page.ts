/** A server-rendered page's head and body as Next writes them, cut down (the server/http tests' input). */
export const A = '/_next/static/chunks/2huiv3ucj6271.js';
export const B = '/_next/static/chunks/turbopack-2u1d16houkiyo.js';
export const tag = (src: string) => `<script src="${src}" async="" nonce="n0nce=="></script>`;
export const HEAD =
  '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><style>body{}</style>' +
  `<link rel="preload" as="script" fetchPriority="low" nonce="n0nce==" href="/_next/static/chunks/0n47q50lo4lf3.js"/>${tag(A)}${tag(B)}` +
  '<title>Images — Dockside</title><script nonce="n0nce==">theme()</script>' +
  '<script src="/_next/static/chunks/0cz1d0mv5g_q7.js" noModule="" nonce="n0nce=="></script></head>';
export const BODY = '<body><div role="row">é ✓ rows</div><script src="/_next/static/chunks/0n47q50lo4lf3.js" nonce="n0nce==" async=""></script></body></html>';
