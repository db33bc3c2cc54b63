import type { IncomingMessage, ServerResponse } from 'node:http';
import { loadChunksAfterPaintInHead } from './chunks-after-paint';
import { EMPTY_TEXT_ROW, flightTextRow, inlinedStylesheets, StreamReplacer } from './flight-css';

/** A document head larger than this is passed on as it is (Next's are ~40 kB, most of it the inlined CSS). */
const HEAD_LIMIT = 512 * 1024;
const HEAD_END = Buffer.from('</head>');

/**
 * A server-rendered page as Next writes it, made lighter on its way out: the head's chunk scripts
 * start after the first paint (chunks-after-paint.ts), and the flight data's copies of the
 * stylesheet the head inlined are emptied (flight-css.ts).
 *
 * Only an HTML answer to a GET for a document (not an RSC request), and only while its headers are
 * not sent or carry no Content-Length; anything else passes as it is. The head is held until it is
 * whole; the body then streams on, held back only where a chunk ends inside a possible copy.
 */
export function rewritePageDocument(req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' || req.headers.rsc === '1') return;
  const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  let state: 'undecided' | 'head' | 'body' | 'passed' = 'undecided';
  let held: Buffer[] = [];
  let heldBytes = 0;
  /** Empties the flight data's copies of the head's inlined stylesheets, once the head is read. */
  let body: StreamReplacer | null = null;

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
    // The head ends with an ASCII tag, so it is whole UTF-8; the bytes after it are the body's.
    const headEnd = at + HEAD_END.length;
    const head = all.subarray(0, headEnd).toString('utf8');
    const stylesheets = inlinedStylesheets(head);
    const rest = all.subarray(headEnd);
    let bodyOut: Buffer = rest;
    if (stylesheets.length > 0) {
      body = new StreamReplacer(stylesheets.map(flightTextRow), EMPTY_TEXT_ROW);
      state = 'body';
      bodyOut = body.push(rest);
      if (final) bodyOut = Buffer.concat([bodyOut, body.end()]);
    }
    const rewritten = loadChunksAfterPaintInHead(head);
    return Buffer.concat([rewritten === null ? all.subarray(0, headEnd) : Buffer.from(rewritten, 'utf8'), bodyOut]);
  };
  const take = (chunk: unknown, encoding: string | undefined): void => {
    // Held past this write: a copy of its own (see toBuffer).
    const buf = Buffer.from(toBuffer(chunk, encoding));
    held.push(buf);
    heldBytes += buf.length;
  };

  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (state === 'undecided') decide();
    if (state === 'passed') return write(chunk, ...rest);
    const encoding = typeof rest[0] === 'string' ? rest[0] : undefined;
    const callback = rest.find((x) => typeof x === 'function') as (() => void) | undefined;
    let out: Buffer | null;
    if (state === 'body') out = body!.push(toBuffer(chunk, encoding));
    else {
      take(chunk, encoding);
      out = release(false);
    }
    if (out === null || out.length === 0) {
      callback?.();
      return true;
    }
    return callback ? write(out, callback) : write(out);
  }) as ServerResponse['write'];

  res.end = ((...args: unknown[]) => {
    if (state === 'undecided' && typeof args[0] !== 'function' && args[0] !== undefined) decide();
    if (state === 'passed' || state === 'undecided') return end(...args);
    const [chunk, ...rest] = typeof args[0] === 'function' ? [undefined, ...args] : args;
    const encoding = typeof rest[0] === 'string' ? rest[0] : undefined;
    const given = chunk !== undefined && chunk !== null;
    let out: Buffer;
    if (state === 'body') out = Buffer.concat([given ? body!.push(toBuffer(chunk, encoding)) : Buffer.alloc(0), body!.end()]);
    else {
      if (given) take(chunk, encoding);
      out = release(true)!;
    }
    const callback = rest.find((x) => typeof x === 'function');
    return callback ? end(out, callback) : end(out);
  }) as ServerResponse['end'];
}

/**
 * A chunk given to `res.write` or `res.end` (a string in `encoding`, or bytes) as a Buffer. Bytes are
 * viewed, not copied: a written chunk is not the writer's to change any more (node:http keeps such
 * references itself), and what is held past this write is copied where it is held.
 */
function toBuffer(chunk: unknown, encoding: string | undefined): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, (encoding as BufferEncoding | undefined) ?? 'utf8');
  if (Buffer.isBuffer(chunk)) return chunk;
  const bytes = chunk as Uint8Array;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
