import { describe, expect, it } from 'vitest';
import { createJsonLineParser } from './stats';

function parseChunks(chunks: Buffer[]): unknown[] {
  const out: unknown[] = [];
  const p = createJsonLineParser((v) => out.push(v));
  for (const c of chunks) p.write(c);
  p.end();
  return out;
}

describe('createJsonLineParser', () => {
  it('reassembles values cut at any byte, including inside a multi-byte character', () => {
    const text = '{"name":"/café","n":1}\n{"n":2}\n';
    const bytes = Buffer.from(text);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(parseChunks([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual([{ name: '/café', n: 1 }, { n: 2 }]);
    }
  });

  it('takes several values in one chunk, skips blank and malformed lines, and flushes a last line without newline', () => {
    expect(parseChunks([Buffer.from('{"n":1}\n\n{oops\n{"n":2}\n{"n":3}')])).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });
});
