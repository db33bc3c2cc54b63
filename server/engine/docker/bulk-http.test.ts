import http from 'node:http';
import { Readable, Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { BodyDecoder, bulkRequest, pipeBulk, type BulkHttpError } from './bulk-http';

/** `chunks` framed as a chunked HTTP body, with optional extensions and trailers. */
function chunked(chunks: Buffer[], ext: boolean, trailers: string[]): Buffer {
  const parts: Buffer[] = [];
  for (const c of chunks) parts.push(Buffer.from(`${c.length.toString(16)}${ext ? ';x=1' : ''}\r\n`), c, Buffer.from('\r\n'));
  parts.push(Buffer.from(`0\r\n${trailers.map((t) => `${t}\r\n`).join('')}\r\n`));
  return Buffer.concat(parts);
}

/** `wire` cut at the given points (sorted, deduplicated), as successive socket reads would give it. */
function cut(wire: Buffer, points: number[]): Buffer[] {
  const at = [...new Set(points.map((p) => p % (wire.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const p of [...at, wire.length]) {
    out.push(wire.subarray(from, p));
    from = p;
  }
  return out;
}

function decodeAll(decoder: BodyDecoder, reads: Buffer[]): { data: Buffer; done: boolean; error?: Error } {
  const got: Buffer[] = [];
  for (const r of reads) {
    const res = decoder.feed(r);
    if (res instanceof Error) return { data: Buffer.concat(got), done: false, error: res };
    expect(res.total).toBe(res.parts.reduce((s, p) => s + p.length, 0));
    got.push(...res.parts);
    if (res.done) return { data: Buffer.concat(got), done: true };
  }
  return { data: Buffer.concat(got), done: false };
}

describe('BodyDecoder', () => {
  it('gives back the chunked body whatever the chunking and however the reads cut it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 1, maxLength: 300 }), { maxLength: 8 }),
        fc.boolean(),
        fc.array(fc.constantFrom('X-Trailer: 1', 'Checksum: abc'), { maxLength: 2 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (chunks, ext, trailers, points) => {
          const bufs = chunks.map((c) => Buffer.from(c));
          const out = decodeAll(new BodyDecoder({ kind: 'chunked' }), cut(chunked(bufs, ext, trailers), points));
          expect(out.error).toBeUndefined();
          expect(out.done).toBe(true);
          expect(out.data.equals(Buffer.concat(bufs))).toBe(true);
        },
      ),
    );
  });

  it('never reports a chunked body cut short as done', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 1, maxLength: 200 }), { minLength: 1, maxLength: 5 }), fc.nat(), (chunks, at) => {
        const wire = chunked(chunks.map((c) => Buffer.from(c)), false, []);
        const short = wire.subarray(0, at % wire.length);
        expect(decodeAll(new BodyDecoder({ kind: 'chunked' }), [short]).done).toBe(false);
      }),
    );
  });

  it('stops at Content-Length and reports a malformed size line', () => {
    const d = new BodyDecoder({ kind: 'length', left: 5 });
    expect(decodeAll(d, [Buffer.from('abc'), Buffer.from('defgh')])).toEqual({ data: Buffer.from('abcde'), done: true });
    expect(decodeAll(new BodyDecoder({ kind: 'chunked' }), [Buffer.from('zz\r\nab\r\n')]).error).toBeInstanceOf(Error);
  });
});

describe('bulkRequest against a plain HTTP server', () => {
  let server: http.Server;
  let port = 0;
  const big = crypto.randomBytes(3 * 1024 * 1024 + 17);
  /** Bytes the stand-in had read of each upload that was cut off. */
  const uploadsCut: number[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/big') {
        res.writeHead(200, { 'Content-Type': 'application/x-tar' });
        for (let i = 0; i < big.length; i += 32 * 1024) res.write(big.subarray(i, i + 32 * 1024));
        return void res.end();
      }
      if (req.url === '/cut') {
        res.writeHead(200, { 'Content-Type': 'application/x-tar' });
        res.write(big.subarray(0, 100_000));
        return void setTimeout(() => res.socket?.destroy(), 20);
      }
      if (req.url === '/upload') {
        // As the engine reads an upload: whole, then an answer naming what arrived.
        const hash = crypto.createHash('sha256');
        let bytes = 0;
        req.on('data', (c: Buffer) => {
          hash.update(c);
          bytes += c.length;
        });
        req.on('aborted', () => uploadsCut.push(bytes));
        req.on('end', () => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ bytes, sha256: hash.digest('hex'), framing: req.headers['transfer-encoding'] ?? `length ${req.headers['content-length']}` })));
        return;
      }
      res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message: 'No such container: x' }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const read = async (body: NodeJS.ReadableStream) => {
    const got: Buffer[] = [];
    for await (const c of body) got.push(c as Buffer);
    return Buffer.concat(got);
  };

  it('streams a chunked answer whole', async () => {
    const a = await bulkRequest({ host: '127.0.0.1', port }, { method: 'GET', path: '/big' });
    expect(a.statusCode).toBe(200);
    expect((await read(a.body)).equals(big)).toBe(true);
  });

  it('errors the body when the answer is cut short', async () => {
    const a = await bulkRequest({ host: '127.0.0.1', port }, { method: 'GET', path: '/cut' });
    await expect(read(a.body)).rejects.toThrow(/ended early/);
  });

  it('rejects an error status with the engine message', async () => {
    const err = (await bulkRequest({ host: '127.0.0.1', port }, { method: 'GET', path: '/nope' }).catch((e: unknown) => e)) as BulkHttpError;
    expect(err.statusCode).toBe(404);
    expect(err.json?.message).toBe('No such container: x');
  });

  it('closes the connection when the signal aborts mid-body', async () => {
    const ac = new AbortController();
    const a = await bulkRequest({ host: '127.0.0.1', port }, { method: 'GET', path: '/big', signal: ac.signal });
    const failed = read(a.body);
    ac.abort();
    await expect(failed).rejects.toThrow(/aborted/);
  });

  it('keeps what pipeBulk queues on a slow destination bounded (1 MiB past one read), and relays it whole', async () => {
    const a = await bulkRequest({ host: '127.0.0.1', port }, { method: 'GET', path: '/big' });
    const parts: Buffer[] = [];
    let most = 0;
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _enc, cb) {
        parts.push(Buffer.from(chunk));
        setTimeout(cb, 2);
      },
    });
    const origWrite = slow.write.bind(slow);
    slow.write = ((chunk: Buffer, cb?: () => void) => {
      const ok = origWrite(chunk, cb);
      most = Math.max(most, slow.writableLength);
      return ok;
    }) as typeof slow.write;
    await new Promise<void>((resolve, reject) => pipeBulk(a.body, slow, (err) => (err ? reject(err) : resolve())));
    expect(Buffer.concat(parts).equals(big)).toBe(true);
    expect(most).toBeLessThanOrEqual(2 * 1024 * 1024);
  });

  it('relays with pipeBulk byte for byte to a slow reader while its read buffers are reused', async () => {
    const relay = http.createServer((_req, res) => {
      void bulkRequest({ host: '127.0.0.1', port }, { method: 'GET', path: '/big' }).then((a) => {
        res.writeHead(200);
        pipeBulk(a.body, res, () => undefined);
      });
    });
    await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
    try {
      const got = await new Promise<Buffer>((resolve, reject) => {
        http.get({ host: '127.0.0.1', port: (relay.address() as { port: number }).port, path: '/' }, (res) => {
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => {
            parts.push(c);
            // A slow reader: the relay's socket fills, writes wait, and buffers come back late.
            res.pause();
            setTimeout(() => res.resume(), 1);
          });
          res.on('end', () => resolve(Buffer.concat(parts)));
          res.on('error', reject);
        });
      });
      expect(got.length).toBe(big.length);
      expect(got.equals(big)).toBe(true);
    } finally {
      await new Promise<void>((r) => relay.close(() => r()));
    }
  });

  describe('uploads', () => {
    /** `big` in 64 KiB pieces (as Node's HTTP server hands on a browser's upload), from a stream paused until read. */
    const pieces = () => {
      const parts: Buffer[] = [];
      for (let i = 0; i < big.length; i += 64 * 1024) parts.push(big.subarray(i, i + 64 * 1024));
      return Readable.from(parts);
    };
    const sha = crypto.createHash('sha256').update(big).digest('hex');

    it('sends the body whole with its Content-Length, or chunked when the length is unknown', async () => {
      for (const [bodyLength, framing] of [
        [big.length, `length ${big.length}`],
        [null, 'chunked'],
      ] as const) {
        const a = await bulkRequest({ host: '127.0.0.1', port }, { method: 'POST', path: '/upload', body: pieces(), bodyLength });
        expect(JSON.parse((await read(a.body)).toString())).toEqual({ bytes: big.length, sha256: sha, framing });
      }
    });

    it('closes the connection when the body fails part-way, so the engine never sees a whole archive', async () => {
      const cutAt = 1024 * 1024;
      const body = new Readable({ read() {} });
      body.push(big.subarray(0, cutAt));
      setTimeout(() => body.destroy(new Error('the upload was cut off')), 50);
      const settled = await bulkRequest({ host: '127.0.0.1', port }, { method: 'POST', path: '/upload', body, bodyLength: big.length }).then(
        (a) => read(a.body),
        (e: unknown) => e,
      );
      expect(settled).toBeInstanceOf(Error);
      expect((settled as Error).message).toMatch(/cut off/);
      await expect.poll(() => uploadsCut.length).toBeGreaterThan(0);
      expect(uploadsCut.at(-1)).toBeLessThanOrEqual(cutAt);
    });
  });
});
