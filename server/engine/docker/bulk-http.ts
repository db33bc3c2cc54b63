import net from 'node:net';
import { finished as streamFinished, pipeline, type Readable, type Writable } from 'node:stream';
import { SlabPool, SlabStream } from '../../streams/slab-stream';

/**
 * Bulk engine transfers (a container path's tar, `docker save`, `docker export`; the uploads of
 * `docker load` and `docker import`) over a plain connection of our own instead of docker-modem's
 * `http.request`.
 *
 * Why (BENCHMARKS.md, figures 9 and 15): every byte of a 1 GiB transfer passes through this process,
 * and Node's HTTP client hands the engine's answer on in the engine's own 32 KiB chunks, each one a
 * parser callback, a stream hop and a chunk-framed `writev` to the browser; that per-chunk work cost
 * ~1 s of CPU per GiB on top of the kernel's copies, on a machine where the engine itself needs the
 * same cores, and every 64 KiB read allocated a new buffer: ~40 full garbage collections per GiB
 * (external memory), each dearer in a server holding Next. Here the socket reads straight into 1 MiB
 * slabs (`onread`, as many bytes as the kernel has queued), the chunked framing is stripped in place
 * (the data moved together within the slab) and what one read carried goes on as one view of the
 * slab. A consumer that writes with `pipeBulk` hands each view back once the socket it went to has
 * taken it, and its slab is read into again: a 1 GiB stream then reuses a few MiB
 * (server/streams/slab-stream.ts). Uploads (load, import) come this way too (`body`): their chunks,
 * read from the browser's socket into slabs the same way (server/http/upload-body.ts), are written
 * on as they are and given back once the engine's socket has them (see sendBody).
 *
 * The contract is docker-modem's for `isStream` calls: the promise settles when the answer's head
 * has come; a status outside 2xx rejects with `{ statusCode, json, message }` (what `toEngineError`
 * reads); the body is a Readable that errors if the engine's answer is cut short (a chunked body
 * without its last chunk, or fewer bytes than its Content-Length), so a half-sent tar is never
 * passed off as complete. The signal, or destroying the body, closes the connection at once.
 */

/** Where a plain (no TLS, no SSH) engine listens. */
export type BulkTarget = { socketPath: string } | { host: string; port: number };

export interface BulkRequest {
  method: 'GET' | 'POST';
  /** Path and query, already encoded (the API version prefix included). */
  path: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * An upload (load, import): sent as it is read, with `Content-Length` when `bodyLength` is known
   * (no framing at all) and chunked otherwise. If it errors or ends short the connection is closed,
   * so the engine sees a cut-off request and makes nothing of it.
   */
  body?: Readable;
  bodyLength?: number | null;
}

export interface BulkAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: Readable;
}

/** What a refused call rejects with: the shape docker-modem gives and `toEngineError` maps. */
export interface BulkHttpError extends Error {
  statusCode?: number;
  json?: { message?: string } | null;
  code?: string;
}

/** What an upload may have queued on the engine socket before its source is paused. */
const WRITE_HIGH_WATER_BYTES = 1024 * 1024;
/** The answer's head (status line and headers) is small; more than this is not an engine. */
const MAX_HEAD_BYTES = 64 * 1024;
/** An error answer's JSON is small; more than this is cut (only its message matters). */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

const LF = 0x0a;
const CR = 0x0d;

function statusError(statusCode: number, body: Buffer, statusText: string): BulkHttpError {
  let json: { message?: string } | null = null;
  try {
    json = JSON.parse(body.toString('utf8')) as { message?: string };
  } catch {
    json = body.length ? { message: body.toString('utf8').trim() } : null;
  }
  const err = new Error(`(HTTP code ${statusCode}) ${statusText} - ${json?.message ?? ''}`.trim()) as BulkHttpError;
  err.statusCode = statusCode;
  err.json = json;
  return err;
}

function cutShort(what: string): BulkHttpError {
  const err = new Error(`The engine's answer ended early (${what}).`) as BulkHttpError;
  err.code = 'ECONNRESET';
  return err;
}

export type BodyMode = { kind: 'chunked' } | { kind: 'length'; left: number } | { kind: 'close' };

/**
 * An HTTP/1.1 answer body fed read by read: the data bytes of each read (sub-arrays of it, not
 * copies) and whether the body is complete. Chunked framing is stripped here; chunk extensions and
 * trailers are skipped. A malformed size line is an Error (the stream cannot be trusted after it).
 */
export class BodyDecoder {
  private state: 'size' | 'data' | 'crlf' | 'trailer' = 'size';
  private left = 0;
  private sizeLine = '';
  private trailerLine = 0;
  constructor(private readonly mode: BodyMode) {}

  /** True when only the end of the connection ends the body. */
  get closeDelimited(): boolean {
    return this.mode.kind === 'close';
  }

  feed(b: Buffer): { parts: Buffer[]; total: number; done: boolean } | Error {
    const mode = this.mode;
    if (mode.kind === 'length') {
      const take = Math.min(mode.left, b.length);
      mode.left -= take;
      return { parts: take ? [b.subarray(0, take)] : [], total: take, done: mode.left === 0 };
    }
    if (mode.kind === 'close') return { parts: b.length ? [b] : [], total: b.length, done: false };
    const parts: Buffer[] = [];
    let total = 0;
    let p = 0;
    while (p < b.length) {
      if (this.state === 'data') {
        const take = Math.min(this.left, b.length - p);
        parts.push(b.subarray(p, p + take));
        total += take;
        p += take;
        this.left -= take;
        if (this.left === 0) this.state = 'crlf';
      } else if (this.state === 'crlf') {
        if (b[p++] === LF) this.state = 'size';
      } else if (this.state === 'size') {
        const c = b[p++]!;
        if (c === LF) {
          // Chunk extensions (after ';') end the hex digits.
          const digits = /^[0-9a-fA-F]+/.exec(this.sizeLine)?.[0];
          this.sizeLine = '';
          if (!digits || digits.length > 12) return cutShort('a malformed chunk');
          const size = parseInt(digits, 16);
          if (size === 0) {
            this.state = 'trailer';
            this.trailerLine = 0;
          } else {
            this.left = size;
            this.state = 'data';
          }
        } else if (this.sizeLine.length > 1024) return cutShort('a malformed chunk');
        else if (c !== CR) this.sizeLine += String.fromCharCode(c);
      } else {
        // Trailer lines until an empty one.
        const c = b[p++]!;
        if (c === LF) {
          if (this.trailerLine === 0) return { parts, total, done: true };
          this.trailerLine = 0;
        } else if (c !== CR) this.trailerLine++;
      }
    }
    return { parts, total, done: false };
  }
}

export function bulkRequest(target: BulkTarget, req: BulkRequest): Promise<BulkAnswer> {
  return new Promise((resolve, reject) => {
    if (req.signal?.aborted) return reject(req.signal.reason ?? new Error('aborted'));
    let settled = false;
    let body: SlabStream | null = null;
    let finished = false;

    // --- the answer, parsed from each read ---------------------------------------------------
    let head: Buffer | null = Buffer.alloc(0);
    let status = 0;
    let statusText = '';
    let headers: Record<string, string> = {};
    let decoder: BodyDecoder | null = null;
    let errorBody: Buffer[] | null = null;
    let errorBytes = 0;

    const fail = (err: Error) => {
      if (!settled) {
        settled = true;
        socket.destroy();
        reject(err);
      } else if (body && !finished) body.destroy(err);
      else socket.destroy();
    };
    const onAbort = () => fail(Object.assign(new Error('The request was aborted.'), { name: 'AbortError', code: 'ABORT_ERR' }));
    req.signal?.addEventListener('abort', onAbort, { once: true });

    const pool = new SlabPool();
    /** The slab region the current read went into (the data is compacted to its start). */
    let region: Uint8Array | null = null;
    // `writableHighWaterMark` is a Duplex option net.Socket passes on (its typings leave it out).
    const options: net.NetConnectOpts & { writableHighWaterMark: number } = {
      ...('socketPath' in target ? { path: target.socketPath } : { host: target.host, port: target.port }),
      // An upload's chunks (64 KiB each) are written as they come: below this the source is not paused.
      writableHighWaterMark: WRITE_HIGH_WATER_BYTES,
      onread: {
        buffer: () => pool.next(),
        callback: (n: number, buf: Uint8Array) => {
          region = buf;
          const more = onRead(Buffer.from(buf.buffer, buf.byteOffset, n));
          region = null;
          // Paused by hand (net.Socket's pause stops the handle's reads in `onread` mode; resume starts them).
          if (!more && !finished) socket.pause();
          return true;
        },
      },
    };
    const socket = net.connect(options);
    socket.setNoDelay(true);

    const finish = () => {
      finished = true;
      req.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
    };

    function deliver(parts: Buffer[], total: number): boolean {
      if (!body || total === 0) return true;
      const first = parts[0]!;
      if (region && first.buffer === region.buffer && first.byteOffset >= region.byteOffset) {
        // This read's data moved together to the start of its slab region (memmove, in order), one view of it out.
        const base = Buffer.from(region.buffer, region.byteOffset, region.byteLength);
        let o = 0;
        for (const p of parts) {
          const from = p.byteOffset - region.byteOffset;
          if (from !== o) base.copyWithin(o, from, from + p.length);
          o += p.length;
        }
        const view = pool.took(region, total);
        if (view) return body.push(view);
      }
      // Bytes that came with the answer's head (already copied out of the slab).
      return body.push(Buffer.concat(parts, total));
    }

    function startBody(rest: Buffer): boolean {
      if (status < 200 || status > 299) {
        errorBody = [];
        return onBody(rest);
      }
      body = new SlabStream(pool, (err) => {
        if (!finished) {
          finished = true;
          req.signal?.removeEventListener('abort', onAbort);
          socket.destroy(err ?? undefined);
        }
      });
      body.resumeSource = () => {
        if (!finished && socket.isPaused()) socket.resume();
      };
      settled = true;
      resolve({ statusCode: status, headers, body });
      return onBody(rest);
    }

    /** The body bytes of one read; false to pause the socket. */
    function onBody(b: Buffer): boolean {
      const r = decoder!.feed(b);
      if (r instanceof Error) {
        fail(r);
        return false;
      }
      const { parts, total, done } = r;
      if (errorBody) {
        for (const part of parts) {
          if (errorBytes < MAX_ERROR_BODY_BYTES) errorBody.push(Buffer.from(part.subarray(0, MAX_ERROR_BODY_BYTES - errorBytes)));
          errorBytes += part.length;
        }
        if (done) {
          finished = true;
          fail(statusError(status, Buffer.concat(errorBody), statusText));
        }
        return true;
      }
      const more = deliver(parts, total);
      if (done) {
        finish();
        body!.push(null);
        return false;
      }
      return more;
    }

    function onRead(chunk: Buffer): boolean {
      if (finished) return false;
      if (head === null) return onBody(chunk);
      // Still reading the head: it is copied (the read buffer is reused).
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) {
        if (head.length > MAX_HEAD_BYTES) fail(cutShort('an answer head over 64 KiB'));
        return true;
      }
      const lines = head.subarray(0, end).toString('latin1').split('\r\n');
      const rest = head.subarray(end + 4);
      head = null;
      const m = /^HTTP\/1\.[01] (\d{3}) ?(.*)$/.exec(lines[0] ?? '');
      if (!m) {
        fail(cutShort('not an HTTP answer'));
        return false;
      }
      status = Number(m[1]);
      statusText = m[2] ?? '';
      headers = {};
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      decoder = new BodyDecoder(
        status === 204 || status === 304
          ? { kind: 'length', left: 0 }
          : /\bchunked\b/i.test(headers['transfer-encoding'] ?? '')
            ? { kind: 'chunked' }
            : headers['content-length'] !== undefined
              ? { kind: 'length', left: Number(headers['content-length']) }
              : { kind: 'close' },
      );
      if (status === 100) {
        // "100 Continue" and then the real answer: start over on the bytes after it.
        head = Buffer.alloc(0);
        return rest.length ? onRead(rest) : true;
      }
      return startBody(rest);
    }

    socket.on('end', () => {
      if (finished) return;
      if (head === null && decoder?.closeDelimited) {
        if (errorBody) {
          finished = true;
          return fail(statusError(status, Buffer.concat(errorBody), statusText));
        }
        finish();
        body?.push(null);
        return;
      }
      fail(cutShort(head === null ? 'the connection closed mid-body' : 'the connection closed before an answer'));
    });
    socket.on('error', (err) => {
      if (!finished) fail(err);
    });
    socket.on('close', () => {
      if (!finished && !socket.errored) fail(cutShort('the connection closed'));
    });

    // --- the request ------------------------------------------------------------------------
    const upload = req.body;
    const length = upload ? (req.bodyLength ?? null) : 0;
    const lines = [`${req.method} ${req.path} HTTP/1.1`, 'Host: docker', length === null ? 'Transfer-Encoding: chunked' : `Content-Length: ${length}`];
    for (const [k, v] of Object.entries(req.headers ?? {})) lines.push(`${k}: ${v}`);
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (upload) sendBody(socket, upload, length === null, (err) => fail(err));
  });
}

/**
 * An upload's bytes to the engine socket as they come, with no stream in between (every hop costs
 * per-chunk work on each 64 KiB read of the browser's socket, and a Transform's 16 KiB high-water
 * mark paused and resumed the source at every chunk). The chunks that arrive in one turn of the
 * event loop (the reads of one poll: one when the engine keeps up, many when this process had to
 * wait for a core) go out as one writev at its end (cork, uncork in setImmediate), never copied;
 * with chunked framing each chunk's size line and CRLF go in the same writev. Why (an A/B of 1 GiB
 * `docker load` uploads through two servers, interleaved, machine load average ~13): a write per
 * 64 KiB chunk woke the engine 16,384 times per GiB, and on 2 busy cores each wake-up handed the
 * core to the engine mid-write, so chunks
 * waited queued long enough to outlive young-generation collections: 22–37 full collections of a
 * heap holding Next per GiB and 3.7 s of server CPU; batched, no full collection and 1.4 s per GiB,
 * and twice the throughput. The source is paused only while the socket holds more than its
 * high-water mark. A source that errors or closes before its end fails the request (the connection
 * closes); an engine that answers or goes away first stops the sending, leaving the source paused
 * for its owner.
 */
function sendBody(socket: net.Socket, body: Readable, chunked: boolean, fail: (err: Error) => void): void {
  let done = false;
  let corked = false;
  const uncork = () => {
    corked = false;
    if (!socket.destroyed) socket.uncork();
  };
  // Views of reused slabs (an upload read by server/http/upload-body.ts) are given back once the socket has them.
  const pool = body instanceof SlabStream ? body.pool : null;
  const onData = (chunk: Buffer) => {
    if (socket.destroyed) return stop();
    const written = pool ? () => pool.giveBack(chunk) : undefined;
    if (!corked) {
      corked = true;
      socket.cork();
      setImmediate(uncork);
    }
    let more: boolean;
    if (chunked) {
      socket.cork();
      socket.write(`${chunk.length.toString(16)}\r\n`);
      socket.write(chunk, written);
      more = socket.write('\r\n');
      socket.uncork();
    } else more = socket.write(chunk, written);
    if (!more) {
      body.pause();
      socket.once('drain', onDrain);
    }
  };
  const onDrain = () => {
    if (!done) body.resume();
  };
  const onEnd = () => {
    if (chunked && !socket.destroyed) socket.write('0\r\n\r\n');
    stop();
  };
  const onError = (err: Error) => {
    stop();
    fail(err);
  };
  const onClose = () => {
    if (!body.readableEnded) onError(body.errored ?? Object.assign(new Error('The upload stopped before its end.'), { code: 'ECONNRESET' }));
  };
  function stop() {
    if (done) return;
    done = true;
    body.off('data', onData);
    body.off('end', onEnd);
    body.off('error', onError);
    body.off('close', onClose);
    socket.off('drain', onDrain);
    socket.off('close', stop);
    if (!body.readableEnded && !body.destroyed) body.pause();
  }
  body.on('data', onData);
  body.once('end', onEnd);
  body.once('error', onError);
  body.once('close', onClose);
  socket.once('close', stop);
  body.resume();
}

/**
 * What a relayed download may have queued on the browser's socket before the engine's answer stops
 * being read. Not the socket's own 16 KiB high-water mark: every engine read (32–256 KiB) is over
 * it, so each chunk paused the body and resumed it on the next tick's 'drain' — listeners added and
 * removed, ticks queued and the stream's buffer walked per chunk, for a write the kernel had
 * already taken. The same 1 MiB an upload may queue on the engine's socket (WRITE_HIGH_WATER_BYTES).
 */
const RELAY_HIGH_WATER_BYTES = WRITE_HIGH_WATER_BYTES;

/**
 * `pipeline(body, dst, done)` for a bulk body, giving each chunk's memory back for the next read
 * once `dst` has written it (its write callback: the kernel has the bytes). Any other Readable goes
 * through pipeline() itself. As with pipeline, an error on either side destroys both, and `done`
 * is called once. The body is paused only while `dst` holds more than RELAY_HIGH_WATER_BYTES.
 */
export function pipeBulk(body: Readable, dst: Writable, done: (err: Error | null) => void): void {
  if (!(body instanceof SlabStream)) return void pipeline(body, dst, (err) => done(err ?? null));
  const pool = body.pool;
  let over = false;
  const end = (err: Error | null) => {
    if (over) return;
    over = true;
    body.off('data', onData);
    if (err) {
      body.destroy();
      dst.destroy();
    }
    // As pipeline does: both sides destroyed first, the callback on the next tick.
    process.nextTick(done, err);
  };
  let waiting = false;
  const onDrain = () => {
    waiting = false;
    body.resume();
  };
  const onData = (chunk: Buffer) => {
    // A write over the socket's own mark returns false and sets its 'drain' to come: waited for only past ours.
    if (!dst.write(chunk, () => pool.giveBack(chunk)) && dst.writableLength > RELAY_HIGH_WATER_BYTES && !waiting) {
      waiting = true;
      body.pause();
      dst.once('drain', onDrain);
    }
  };
  body.on('data', onData);
  body.once('end', () => dst.end());
  body.once('error', (err) => end(err));
  body.once('close', () => {
    if (!body.readableEnded) end(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
  });
  streamFinished(dst, (err) => end(err ?? null));
}
