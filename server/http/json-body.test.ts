import type http from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readJsonBody, RequestFailure } from './json-body';

/** A request as the server hands it over: a byte stream with headers. */
function request(headers: Record<string, string>, chunks: string[], end = true): http.IncomingMessage {
  const s = new PassThrough() as unknown as http.IncomingMessage & PassThrough;
  (s as { headers: http.IncomingHttpHeaders }).headers = headers;
  setImmediate(() => {
    for (const c of chunks) s.write(c);
    if (end) s.end();
    else s.emit('aborted');
  });
  return s;
}
const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof RequestFailure ? { status: e.status, ...e.body } : e));
const json = { 'content-type': 'application/json' };

describe('readJsonBody', () => {
  it('parses a JSON body sent in pieces', async () => {
    expect(await readJsonBody(request(json, ['{"spec":', '{"image":"x"},', '"start":true}']))).toEqual({ spec: { image: 'x' }, start: true });
  });

  it('refuses what is not sent as JSON (415), a declared size over the limit (413) and text that is not JSON (400)', async () => {
    expect(await failure(readJsonBody(request({ 'content-type': 'text/plain' }, ['{}'])))).toMatchObject({ status: 415, code: 'bad_request' });
    expect(await failure(readJsonBody(request({ ...json, 'content-length': '65537' }, ['{}'])))).toMatchObject({ status: 413, code: 'payload_too_large', message: 'Request body over 64 KiB.' });
    expect(await failure(readJsonBody(request(json, ['{"a":'])))).toMatchObject({ status: 400, message: 'The body is not valid JSON.' });
  });

  it('stops a chunked body (no Content-Length) as soon as it passes the limit', async () => {
    const chunk = 'x'.repeat(1024);
    expect(await failure(readJsonBody(request(json, Array.from({ length: 80 }, () => chunk)), 64 * 1024))).toMatchObject({ status: 413 });
  });

  it('says so when the connection closes mid-body', async () => {
    expect(await failure(readJsonBody(request(json, ['{"a":'], false)))).toMatchObject({ status: 400, message: /did not arrive whole/ });
  });
});
