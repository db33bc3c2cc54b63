import crypto from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { slabUploadBody } from './upload-body';

/**
 * The body read past the HTTP parser must be exactly the bytes sent, in order: the part the parser
 * read with the head, the part it reads while the request is routed, and the socket's reads after.
 * Each case writes the request by hand over a raw socket, so where the head ends inside a read is
 * chosen here, not left to a client.
 */
let server: http.Server | null = null;
/** What the server made of the last upload: its byte count and hash, or the body's error. */
let outcome: Promise<string> = Promise.resolve('');
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

function serve(giveUpAfter?: number): Promise<number> {
  server = http.createServer((req, res) => {
    let settle!: (v: string) => void;
    outcome = new Promise((r) => (settle = r));
    const length = Number(req.headers['content-length']);
    const taken = slabUploadBody(req, length);
    if (!taken) return res.end('not taken');
    const hash = crypto.createHash('sha256');
    let bytes = 0;
    taken.body.on('data', (c: Buffer) => {
      hash.update(c);
      bytes += c.length;
      // As the engine refusing the upload part-way: the body is given up.
      if (giveUpAfter !== undefined && bytes >= giveUpAfter) return void taken.body.destroy(new Error('refused'));
      // As the engine socket's write would, once written: the view's slab may be read into again.
      taken.body.pool.giveBack(c);
    });
    taken.body.on('error', (err) => settle(`error ${err.message}`));
    taken.body.on('end', () => settle(`${bytes} ${hash.digest('hex')}`));
    req.once('end', () => void outcome.then((v) => res.setHeader('Connection', 'close').end(v)));
  });
  return new Promise((r) => server!.listen(0, '127.0.0.1', () => r((server!.address() as net.AddressInfo).port)));
}

function send(port: number, body: Buffer, pieces: number[], stopAfter?: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1');
    let answer = '';
    s.on('data', (d) => (answer += d.toString()));
    s.on('close', () => resolve(answer.split('\r\n\r\n').slice(1).join('')));
    s.on('error', reject);
    const head = Buffer.from(`POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n`);
    const all = Buffer.concat([head, body]).subarray(0, stopAfter === undefined ? undefined : head.length + stopAfter);
    let at = 0;
    const next = () => {
      if (at >= all.length) return stopAfter === undefined ? undefined : void s.destroy();
      const n = pieces.length ? pieces.shift()! : 256 * 1024;
      s.write(all.subarray(at, at + n), () => setTimeout(next, 1));
      at += n;
    };
    next();
  });
}

describe('slabUploadBody', () => {
  const body = crypto.randomBytes(3 * 1024 * 1024 + 17);
  const expected = `${body.length} ${crypto.createHash('sha256').update(body).digest('hex')}`;

  it('passes every byte once, in order, when the head and the first body bytes come in one read', async () => {
    expect(await send(await serve(), body, [100_000])).toBe(expected);
  });

  it('passes every byte once when the head comes alone and the body in reads of many sizes', async () => {
    const headLength = `POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n`.length;
    expect(await send(await serve(), body, [headLength, 1, 65_535, 1_000_000, 7])).toBe(expected);
  });

  it('errors the body, never ends it, when the connection closes before the declared length', async () => {
    const port = await serve();
    await send(port, body, [], 1024 * 1024);
    expect(await outcome).toBe(`error The upload stopped after ${1024 * 1024} of ${body.length} bytes.`);
  });

  it('reads a body given up part-way to its end, so the answer reaches a client still sending', async () => {
    const port = await serve(1024 * 1024);
    expect(await send(port, body, [])).toBe('error refused');
    expect(await outcome).toBe('error refused');
  });
});
