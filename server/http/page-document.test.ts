import fc from 'fast-check';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BODY, HEAD } from '../../test/support/next-page';
import { loadChunksAfterPaintInHead } from './chunks-after-paint';
import { rewritePageDocument } from './page-document';

/** Serves `parts` (written one by one) as the answer to any request, through rewritePageDocument. */
async function serve(parts: Array<string | Buffer>, headers: Record<string, string | number> = { 'Content-Type': 'text/html; charset=utf-8' }) {
  const server = http.createServer((req, res) => {
    rewritePageDocument(req, res);
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

describe('rewritePageDocument: the head', () => {
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

/** A stylesheet with what the flight data escapes (<, >, &, quotes, a line break) and a two-byte character. */
const CSS = '.a>.b{content:"<&>"}\n.é{color:red}';
const STYLE = `<style data-precedence="next" data-href="/_next/static/chunks/x.css" nonce="n0nce==">${CSS}</style>`;
/** A flight script as Next writes it (use-flight-response.js: htmlEscapeJsonString(JSON.stringify([1, chunk]))). */
const flightScript = (chunk: string) =>
  `<script nonce="n0nce==">self.__next_f.push(${JSON.stringify([1, chunk]).replace(/[&<>\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)})</script>`;
const row = (id: string, text: string) => `${id}:T${Buffer.byteLength(text, 'utf8').toString(16)},${text}`;

describe('rewritePageDocument: the stylesheet in the flight data', () => {
  const head = HEAD.replace('<style>body{}</style>', STYLE);
  const flight = flightScript(`1:"$Sreact.fragment"\n${row('2', CSS)}0:{"children":"$2"}\n${row('24', CSS)}f:["$","style","0",{"children":"$24"}]\n${row('9', 'other text')}`);
  const emptied = flightScript(`1:"$Sreact.fragment"\n2:T0,0:{"children":"$2"}\n24:T0,f:["$","style","0",{"children":"$24"}]\n${row('9', 'other text')}`);
  const doc = head + BODY.replace('</body>', `${flight}</body>`);
  const want = loadChunksAfterPaintInHead(head)! + BODY.replace('</body>', `${emptied}</body>`);

  it("empties both copies of the head's stylesheet (their rows keep their ids) and leaves other text rows", async () => {
    expect(await (await fetch(await serve([doc]))).text()).toBe(want);
  });

  it('gives the same page however the body is cut into writes', async () => {
    const bytes = Buffer.from(doc, 'utf8');
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }), async (cuts) => {
        const at = [0, ...cuts.sort((x, y) => x - y), bytes.length];
        const parts = at.slice(1).map((end, i) => bytes.subarray(at[i], end));
        expect(await (await fetch(await serve(parts))).text()).toBe(want);
      }),
      { numRuns: 40 },
    );
  });

  it('leaves a copy it cannot be sure of: a wrong length, or a row split between two scripts', async () => {
    const wrongLength = flightScript(`2:T${(Buffer.byteLength(CSS) + 1).toString(16)},${CSS}`);
    const split = flightScript(`2:T${Buffer.byteLength(CSS).toString(16)},${CSS.slice(0, 5)}`) + flightScript(CSS.slice(5));
    for (const script of [wrongLength, split]) {
      const page = head + BODY.replace('</body>', `${script}</body>`);
      expect(await (await fetch(await serve([page]))).text()).toBe(loadChunksAfterPaintInHead(head)! + BODY.replace('</body>', `${script}</body>`));
    }
  });
});
