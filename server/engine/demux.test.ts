import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../lib/protocol/streams';
import { createLogLineParser } from './demux';
import { frame, T1, T2 } from '../../test/support/log-frames';


function parse(tty: boolean, chunks: Buffer[]): LogLine[] {
  const out: LogLine[] = [];
  const p = createLogLineParser(tty, (l) => out.push(l));
  for (const c of chunks) p.push(c);
  p.end();
  return out;
}

/** Every way of cutting `bytes` in two, plus byte by byte: the result must never depend on it. */
function allChunkings(bytes: Buffer): Buffer[][] {
  const ways: Buffer[][] = [[bytes], [...bytes].map((b) => Buffer.from([b]))];
  for (let cut = 1; cut < bytes.length; cut++) ways.push([bytes.subarray(0, cut), bytes.subarray(cut)]);
  return ways;
}

const cases: Array<{ name: string; tty: boolean; input: Buffer; want: LogLine[] }> = [
  {
    name: 'stdout and stderr frames',
    tty: false,
    input: Buffer.concat([frame(1, `${T1} out\n`), frame(2, `${T2} err\n`)]),
    want: [
      { stream: 'stdout', time: T1, text: 'out' },
      { stream: 'stderr', time: T2, text: 'err' },
    ],
  },
  {
    name: 'multi-byte characters',
    tty: false,
    input: frame(1, `${T1} héllo wörld 🚢 日本\n`),
    want: [{ stream: 'stdout', time: T1, text: 'héllo wörld 🚢 日本' }],
  },
  {
    name: 'CRLF line ends',
    tty: true,
    input: Buffer.from(`${T1} a\r\n${T2} b\r\n`),
    want: [
      { stream: 'stdout', time: T1, text: 'a' },
      { stream: 'stdout', time: T2, text: 'b' },
    ],
  },
  {
    name: 'empty lines',
    tty: false,
    input: Buffer.concat([frame(1, `${T1} \n`), frame(1, `${T2} \n`)]),
    want: [
      { stream: 'stdout', time: T1, text: '' },
      { stream: 'stdout', time: T2, text: '' },
    ],
  },
  {
    name: 'a final line without a newline',
    tty: false,
    input: Buffer.concat([frame(1, `${T1} first\n`), frame(1, `${T2} last`)]),
    want: [
      { stream: 'stdout', time: T1, text: 'first' },
      { stream: 'stdout', time: T2, text: 'last' },
    ],
  },
  {
    name: 'a long line sent as parts stamped alike',
    tty: false,
    input: Buffer.concat([frame(1, `${T1} part one, `), frame(1, `${T1} part two\n`)]),
    want: [{ stream: 'stdout', time: T1, text: 'part one, part two' }],
  },
  {
    name: 'a multi-byte character split between the parts of a long line',
    tty: false,
    input: Buffer.concat([frame(1, Buffer.concat([Buffer.from(`${T1} x`), Buffer.from('é').subarray(0, 1)])), frame(1, Buffer.concat([Buffer.from(`${T1} `), Buffer.from('é').subarray(1), Buffer.from('y\n')]))]),
    want: [{ stream: 'stdout', time: T1, text: 'xéy' }],
  },
  {
    name: 'an unterminated line followed by a message with another timestamp',
    tty: false,
    input: Buffer.concat([frame(1, `${T1} prompt> `), frame(1, `${T2} next\n`)]),
    want: [
      { stream: 'stdout', time: T1, text: 'prompt> ' },
      { stream: 'stdout', time: T2, text: 'next' },
    ],
  },
  {
    name: 'interleaved partial lines on both streams',
    tty: false,
    input: Buffer.concat([frame(1, `${T1} out-a`), frame(2, `${T1} err\n`), frame(1, `${T1} out-b\n`)]),
    want: [
      { stream: 'stderr', time: T1, text: 'err' },
      { stream: 'stdout', time: T1, text: 'out-aout-b' },
    ],
  },
  {
    name: 'a line without a timestamp (engine error text)',
    tty: false,
    input: frame(3, 'Error grabbing logs: boom\n'),
    want: [{ stream: 'stderr', time: '', text: 'Error grabbing logs: boom' }],
  },
  {
    name: 'TTY output is all stdout',
    tty: true,
    input: Buffer.from(`${T1} \x1b[31mred\x1b[0m\r\n${T2} plain`),
    want: [
      { stream: 'stdout', time: T1, text: '\x1b[31mred\x1b[0m' },
      { stream: 'stdout', time: T2, text: 'plain' },
    ],
  },
  {
    name: 'timestamp with an offset and short fraction',
    tty: true,
    input: Buffer.from('2026-01-02T15:04:05.5+02:00 hi\n'),
    want: [{ stream: 'stdout', time: '2026-01-02T15:04:05.5+02:00', text: 'hi' }],
  },
  {
    name: 'text after the timestamp that has spaces and looks like a timestamp',
    tty: true,
    input: Buffer.from(`${T1} ${T2} nested\n`),
    want: [{ stream: 'stdout', time: T1, text: `${T2} nested` }],
  },
  {
    name: 'empty frames are skipped',
    tty: false,
    input: Buffer.concat([frame(1, ''), frame(1, `${T1} a\n`)]),
    want: [{ stream: 'stdout', time: T1, text: 'a' }],
  },
];

describe('createLogLineParser', () => {
  for (const c of cases) {
    it(`${c.name}, however the chunks are cut`, () => {
      for (const chunks of allChunkings(c.input)) expect(parse(c.tty, chunks)).toEqual(c.want);
    });
  }

  it('treats bytes that are not frame headers as raw text', () => {
    expect(parse(false, [Buffer.from(`${T1} raw line\n`)])).toEqual([{ stream: 'stdout', time: T1, text: 'raw line' }]);
  });

  it('keeps a very long line whole, with no timestamp inside it', () => {
    const long = 'ä'.repeat(20_000);
    const bytes = Buffer.from(long);
    const parts = [bytes.subarray(0, 16_385), bytes.subarray(16_385, 30_001), bytes.subarray(30_001)];
    const input = Buffer.concat(parts.map((p, i) => frame(1, Buffer.concat([Buffer.from(`${T1} `), p, Buffer.from(i === 2 ? '\n' : '')]))));
    const chunks: Buffer[] = [];
    for (let i = 0; i < input.length; i += 4093) chunks.push(input.subarray(i, i + 4093));
    expect(parse(false, chunks)).toEqual([{ stream: 'stdout', time: T1, text: long }]);
  });
});
