import type http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import { SlabPool, SlabStream } from '../streams/slab-stream';

/**
 * An upload's body (its Content-Length known) read from the browser's socket into reused slabs,
 * instead of as the chunks Node's HTTP server hands on.
 *
 * Why (BENCHMARKS.md, figure 9): Node's HTTP parser copies every read of a body (64 KiB) into a
 * buffer of its own: 16,384 allocations of external memory per GiB. When V8 fell behind freeing
 * them (a busy machine; after a few downloads), each ~25 MiB uploaded started a full collection of
 * a heap that holds Next: 15–19 per 512 MiB `docker load` in an A/B with --trace-gc at load average
 * ~16, 3.7 s of server CPU per GiB, a third of the CLI's speed. Read into slabs that the engine
 * socket's writes give back (bulk-http's sendBody), a 1 GiB upload allocates a few MiB.
 *
 * How: the request's head has been parsed and the gate has run. The HTTP parser stops reading the
 * socket (`unconsume`, as Node's own upgrade handling does), what it already passed to the request
 * is taken first, and the socket's reads then go into a SlabPool through the user-buffer reads
 * net.Socket offers for `net.connect({ onread })`, installed on this socket. After `length` bytes
 * the request ends as it would have, reading stops, and the connection must close after the answer
 * (`Connection: close`): the parser never saw the body, so it cannot read a next request. A socket
 * that ends or breaks before `length` bytes errors the stream, so a cut-off upload is never passed
 * on as complete. A body given up before its end is still read to its end (and dropped), so the
 * answer reaches a browser that is still sending.
 *
 * Returns null where this runtime does not offer those pieces (a TLS socket, another Node's
 * internals): the caller then reads the request itself.
 */
export function slabUploadBody(req: http.IncomingMessage, length: number): { body: SlabStream; received: () => number } | null {
  const syms = userBufferSymbols();
  const socket = req.socket as ServerSocket;
  const parser = socket?.parser;
  const handle = socket?._handle;
  if (!syms || !(socket instanceof net.Socket) || socket instanceof tls.TLSSocket || socket.destroyed) return null;
  if (!parser || parser.incoming !== req || typeof parser.unconsume !== 'function' || typeof handle?.useUserBuffer !== 'function') return null;
  if (req.complete || req.readableEnded || socket[syms.buffer]) return null;

  // The parser stops reading the socket (it no longer gets the bytes: the reads below take them).
  if (parser._consumed) {
    parser.unconsume();
    parser._consumed = false;
  }
  const pool = new SlabPool();
  let received = 0;
  let done = false;
  /** The body was given up before its end: the rest is read and dropped (see below). */
  let draining = false;
  const stopReading = () => {
    done = true;
    socket.pause(); // with a user buffer installed, this stops the handle's reads
    socket.off('end', cutOff);
    socket.off('close', cutOff);
  };
  const body = new SlabStream(pool, () => {
    if (done || draining) return;
    // Given up before its end (the engine refused it, the task was cancelled): the rest is read and
    // dropped, as Node does with a body nobody reads, so the browser, still sending, gets the answer
    // once it has sent it all rather than a reset connection mid-send.
    draining = true;
    socket.resume();
  });
  body.resumeSource = () => {
    if (!done && !socket.destroyed) socket.resume();
  };
  const finish = () => {
    stopReading();
    req.off('data', fromParser);
    if (!draining) body.push(null);
    // The request ends as if the parser had read it all ('end' is what the route answers on).
    req.complete = true;
    req.push(null);
    req.resume();
  };
  function cutOff(): void {
    if (done) return;
    stopReading();
    if (draining) return;
    body.destroy(Object.assign(new Error(`The upload stopped after ${received} of ${length} bytes.`), { code: 'ECONNRESET' }));
  }

  // What the parser passes on, first (copies of its own, not from the pool): what it already read,
  // and the rest of the read it is in the middle of when the request is routed synchronously.
  function fromParser(chunk: Buffer): void {
    if (done) return;
    const take = Math.min(chunk.length, length - received);
    received += take;
    if (take && !draining) body.push(take === chunk.length ? chunk : chunk.subarray(0, take));
    if (received >= length) finish();
  }
  const answer = { body, received: () => received };
  for (let chunk: Buffer | null; !done && (chunk = req.read() as Buffer | null) !== null; ) fromParser(chunk);
  if (done) return answer;
  req.on('data', fromParser);
  req.resume();

  socket.once('end', cutOff);
  socket.once('close', cutOff);
  const s = socket as unknown as Record<symbol, unknown>;
  s[syms.gen] = () => pool.next();
  s[syms.callback] = (n: number, region: Uint8Array): boolean => {
    if (done) return false;
    // Bytes past the declared length (a pipelined next request) are left unread: the connection closes after the answer.
    const take = Math.min(n, length - received);
    received += take;
    if (draining) {
      // Dropped: the region is not handed out, so the next read goes into it again.
      if (received >= length) finish();
      return received < length;
    }
    const view = pool.took(region, take);
    const more = view ? body.push(view) : true;
    if (received >= length) {
      finish();
      return false;
    }
    return more;
  };
  const first = pool.next();
  s[syms.buffer] = first;
  handle.useUserBuffer(first);
  socket.resume();
  return answer;
}

/** A server-side request socket as Node's HTTP server leaves it (fields it does not type). */
type ServerSocket = net.Socket & {
  parser?: { incoming?: unknown; _consumed?: boolean; unconsume?: () => void } | null;
  _handle?: { useUserBuffer?: (buf: Uint8Array) => void } | null;
} & Record<symbol, unknown>;

let symbols: { buffer: symbol; callback: symbol; gen: symbol } | null | undefined;

/** net.Socket's own keys for `onread` reads (set on every socket it makes), found by their names. */
function userBufferSymbols(): { buffer: symbol; callback: symbol; gen: symbol } | null {
  if (symbols !== undefined) return symbols;
  const probe = new net.Socket();
  const byName = new Map(Object.getOwnPropertySymbols(probe).map((sym) => [sym.description, sym]));
  probe.destroy();
  const buffer = byName.get('kBuffer');
  const callback = byName.get('kBufferCb');
  const gen = byName.get('kBufferGen');
  symbols = buffer && callback && gen ? { buffer, callback, gen } : null;
  return symbols;
}
