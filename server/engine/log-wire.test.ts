import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeLogLines, encodeLogLines, type LogLine } from '../../lib/protocol/streams';
import { createLogLineParser, TIMESTAMP } from './demux';
import { createLogWireParser, LogWireWriter, timestampEnd, WIRE_BUFFER_BYTES } from './log-wire';
import { frame, T1, T2 } from '../../test/support/log-frames';

// The wire parser must produce exactly what the LineAssembler path produced (then encodeLogLines),
// whatever the chunking, while copying the common whole-frame lines without parsing them.


const line = (time: string, text: string | Buffer) => Buffer.concat([Buffer.from(`${time} `), Buffer.from(text), Buffer.from('\n')]);

function oldPath(tty: boolean, chunks: Buffer[]): LogLine[] {
  const out: LogLine[] = [];
  const p = createLogLineParser(tty, (l) => out.push(l));
  for (const c of chunks) p.push(c);
  p.end();
  return out;
}

/** The emitted slices themselves (not copies), joined only at the end: none may be overwritten. */
function newPath(tty: boolean, chunks: Buffer[]): Buffer {
  const slices: Buffer[] = [];
  const p = createLogWireParser(tty, new LogWireWriter((b) => slices.push(b)));
  for (const c of chunks) p.push(c);
  p.end();
  return Buffer.concat(slices);
}

/** Every single cut, and every fixed chunk size (byte by byte included). */
function chunkings(bytes: Buffer): Buffer[][] {
  const ways: Buffer[][] = [[bytes]];
  for (let cut = 1; cut < bytes.length; cut++) ways.push([bytes.subarray(0, cut), bytes.subarray(cut)]);
  for (let size = 1; size < bytes.length; size++) {
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
    ways.push(chunks);
  }
  return ways;
}

function expectSameAsOldPath(tty: boolean, input: Buffer, ways = chunkings(input)): void {
  const want = oldPath(tty, [input]);
  const wantBytes = Buffer.from(encodeLogLines(want), 'utf8');
  for (const chunks of ways) {
    const got = newPath(tty, chunks);
    expect(decodeLogLines(got.toString('utf8'))).toEqual(want);
    expect(got.equals(wantBytes)).toBe(true);
  }
}

const invalidUtf8 = Buffer.from([0x61, 0xff, 0x62, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xe6, 0x97]);

const samples: Array<{ name: string; tty?: boolean; input: Buffer }> = [
  {
    name: 'whole lines on both streams, interleaved',
    input: Buffer.concat([frame(1, line(T1, 'out 1')), frame(2, line(T1, 'err 1')), frame(1, line(T2, 'out 2')), frame(2, line(T2, 'err 2'))]),
  },
  { name: 'multi-byte characters', input: Buffer.concat([frame(1, line(T1, 'héllo 🚢 日本')), frame(2, line(T2, 'ü'))]) },
  { name: 'CRLF, a lone CR as the text, a CR inside the text', input: Buffer.concat([frame(1, line(T1, 'a\r')), frame(1, line(T1, '\r')), frame(2, line(T2, 'x\ry\r'))]) },
  { name: 'invalid UTF-8 (replaced as before)', input: Buffer.concat([frame(1, line(T1, invalidUtf8)), frame(2, line(T2, 'ok'))]) },
  {
    name: 'a line split over frames with the same time, the other stream in between',
    input: Buffer.concat([frame(1, `${T1} part one, `), frame(2, line(T1, 'err')), frame(1, `${T1} part two\r\n`), frame(1, line(T2, 'next'))]),
  },
  {
    name: 'a multi-byte character split between the parts of a long line',
    input: Buffer.concat([frame(1, Buffer.concat([Buffer.from(`${T1} x`), Buffer.from('é').subarray(0, 1)])), frame(1, Buffer.concat([Buffer.from(`${T1} `), Buffer.from('é').subarray(1), Buffer.from('y\n')]))]),
  },
  { name: 'a last line without a newline', input: Buffer.concat([frame(1, line(T1, 'first')), frame(2, `${T2} last`)]) },
  { name: 'an unterminated line, then another time', input: Buffer.concat([frame(1, `${T1} prompt> `), frame(1, line(T2, 'next')), frame(1, line(T2, 'after'))]) },
  {
    name: 'frames that are not one timestamped line',
    input: Buffer.concat([
      frame(3, 'Error grabbing logs: boom\n'),
      frame(1, `${T1} a\n${T2} b\n`),
      frame(1, `${T1} one\nno stamp\n`),
      frame(1, `${T1}\n`),
      frame(1, `2026-1-02T15:04:05Z x\n`),
      frame(1, `2026-01-02T15:04:05.1234567890Z ten digits\n`),
      frame(2, `2026-01-02T15:04:05+02:00 offset, no fraction\n`),
      frame(2, `2026-01-02T15:04:05. dot only\n`),
      frame(0, line(T1, 'stdin type shows as stdout')),
      frame(1, ''),
      frame(1, line(T1, '')),
    ]),
  },
  { name: 'TTY raw logs', tty: true, input: Buffer.from(`${T1} \x1b[31mred\x1b[0m\r\n${T2} é\r\n${T2} plain`) },
  { name: 'bytes that are not frame headers', input: Buffer.from(`${T1} raw line\n${T2} two\n`) },
];

describe('createLogWireParser', () => {
  afterEach(() => vi.restoreAllMocks());

  for (const s of samples) {
    it(`${s.name}: same lines as the old path, however the chunks are cut`, () => expectSameAsOldPath(s.tty ?? false, s.input));
  }

  it('copies whole one-line frames without assembling lines', () => {
    const slow = vi.spyOn(LogWireWriter.prototype, 'line');
    const input = Buffer.concat([frame(1, line(T1, 'out')), frame(2, line(T1, 'ünï 🚢\r')), frame(1, line(T2, '')), frame(2, line(T2, '\r'))]);
    expectSameAsOldPath(false, input, [[input]]);
    expect(slow).not.toHaveBeenCalled();
  });

  it('keeps a 16 KiB+ line sent in several frames whole, with the other stream around it', () => {
    const long = 'ä'.repeat(20_000);
    const bytes = Buffer.from(long);
    const parts = [bytes.subarray(0, 16_385), bytes.subarray(16_385, 30_001), bytes.subarray(30_001)];
    const input = Buffer.concat([
      frame(2, line(T1, 'before')),
      ...parts.map((p, i) => frame(1, Buffer.concat([Buffer.from(`${T1} `), p, Buffer.from(i === 2 ? '\n' : '')]))),
      frame(2, line(T2, 'after')),
      frame(1, line(T2, 'x'.repeat(WIRE_BUFFER_BYTES))),
    ]);
    const ways = [4093, 16_384, 65_536].map((size) => {
      const chunks: Buffer[] = [];
      for (let i = 0; i < input.length; i += size) chunks.push(input.subarray(i, i + size));
      return chunks;
    });
    expectSameAsOldPath(false, input, [[input], ...ways]);
  });

  it('fills and replaces its buffers without losing, repeating or reordering a line', () => {
    const frames: Buffer[] = [];
    for (let i = 0; i < 20_000; i++) frames.push(frame(i % 7 === 0 ? 2 : 1, line(i % 2 ? T1 : T2, i % 13 === 0 ? `${i} ünï\r` : String(i))));
    const input = Buffer.concat(frames);
    const ways = [1000, 65_536, 100_003].map((size) => {
      const chunks: Buffer[] = [];
      for (let i = 0; i < input.length; i += size) chunks.push(input.subarray(i, i + size));
      return chunks;
    });
    expectSameAsOldPath(false, input, [[input], ...ways]);
  });
});

describe('timestampEnd', () => {
  /** The old path's rule: up to the first space (within 40 bytes), matching TIMESTAMP. */
  const oracle = (s: string) => {
    const sp = s.indexOf(' ');
    return sp >= 0 && sp <= 40 && TIMESTAMP.test(s.slice(0, sp)) ? sp : -1;
  };

  it('agrees with the timestamp regex on valid times and mutations of them', () => {
    const seeds = [T1, '2026-01-02T15:04:05Z', '2026-01-02T15:04:05.5+02:00', '2026-01-02T15:04:05-11:30', '2026-01-02T15:04:05.123456789+00:00'];
    const alphabet = '0123456789-T:.Z+ x\n';
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const cases: string[] = [];
    for (const s of seeds) {
      cases.push(`${s} text`, `${s}`, `${s}  x`, `${s}\n`);
      for (let k = 0; k < 3000; k++) {
        let m = `${s} text`;
        for (let edits = 1 + rand(2); edits > 0; edits--) {
          const at = rand(m.length + 1);
          const c = alphabet[rand(alphabet.length)]!;
          const op = rand(3);
          m = op === 0 ? m.slice(0, at) + c + m.slice(at + 1) : op === 1 ? m.slice(0, at) + c + m.slice(at) : m.slice(0, at) + m.slice(at + 1);
        }
        cases.push(m);
      }
    }
    for (const c of cases) {
      const b = Buffer.from(c, 'latin1');
      expect([c, timestampEnd(b, 0, b.length)]).toEqual([c, oracle(c)]);
    }
  });

  it('never reads past the end it is given', () => {
    const b = Buffer.from(`${T1} text`);
    expect(timestampEnd(b, 0, T1.length)).toBe(-1);
    expect(timestampEnd(b, 0, T1.length + 1)).toBe(T1.length);
  });
});
