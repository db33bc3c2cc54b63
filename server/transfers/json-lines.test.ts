import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { failureOf, JsonLinesDecoder, MAX_LINE_BYTES, type ParsedLine } from './json-lines';

function decodeAll(chunks: (string | Uint8Array)[]): ParsedLine[] {
  const d = new JsonLinesDecoder();
  return [...chunks.flatMap((c) => d.push(c)), ...d.end()];
}

describe('JsonLinesDecoder', () => {
  it('splits lines at any chunk boundary, including inside a UTF-8 character', () => {
    const messages = [{ status: 'Pulling from library/busybox', id: 'latest' }, { stream: 'héllo ✓ wörld\n' }, { status: 'Downloading', id: 'abcdefabcdef', progressDetail: { current: 5, total: 10 } }];
    const bytes = Buffer.from(messages.map((m) => `${JSON.stringify(m)}\r\n`).join(''));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 12 }), (cuts) => {
        const points = [...new Set([0, ...cuts, bytes.length])].sort((a, b) => a - b);
        const chunks = points.slice(1).map((end, i) => bytes.subarray(points[i], end));
        const out = decodeAll(chunks);
        expect(out).toEqual(messages.map((message) => ({ ok: true, message })));
      }),
    );
  });

  it('reports a malformed line as data and keeps going', () => {
    const out = decodeAll(['{"status":"a"}\n{not json\n', '[1,2]\n{"status":"b"}']);
    expect(out.map((p) => p.ok)).toEqual([true, false, false, true]);
    expect(out[1]).toMatchObject({ ok: false, reason: 'not JSON' });
    expect(out[2]).toMatchObject({ ok: false, reason: 'not a JSON object' });
  });

  it('never throws whatever bytes arrive', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 10 }), (chunks) => {
        expect(() => decodeAll(chunks)).not.toThrow();
      }),
    );
  });

  it('bounds an endless line and resumes after it', () => {
    const d = new JsonLinesDecoder();
    const out: ParsedLine[] = [];
    const piece = 'x'.repeat(256 * 1024);
    for (let i = 0; i < 6; i++) out.push(...d.push(piece));
    out.push(...d.push('\n{"status":"after"}\n'), ...d.end());
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({ ok: false });
    expect((out[0] as { line: string }).line.length).toBeLessThan(300);
    expect(out[1]).toEqual({ ok: true, message: { status: 'after' } });
    expect(MAX_LINE_BYTES).toBeLessThan(6 * piece.length);
  });

  it('skips blank lines', () => {
    expect(decodeAll(['\n\n  \n{"status":"x"}\n\n'])).toEqual([{ ok: true, message: { status: 'x' } }]);
  });
});

describe('failureOf', () => {
  it('reads errorDetail, then the deprecated error string', () => {
    expect(failureOf({ errorDetail: { message: 'manifest unknown' }, error: 'manifest unknown' })).toBe('manifest unknown');
    expect(failureOf({ error: 'denied' })).toBe('denied');
    expect(failureOf({ errorDetail: {} })).toMatch(/without a message/);
    expect(failureOf({ status: 'Downloading' })).toBeNull();
  });
});
