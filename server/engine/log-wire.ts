import { isUtf8 } from 'node:buffer';
import { encodeLogLines, type LogLine } from '../../lib/protocol/streams';
import { LineAssembler, MultiplexDemuxer, type LogLineParser } from './demux';

// The `logs` channel's wire bytes (`<s><time> <text>\n`, see encodeLogLines) straight from the
// engine's log stream. With timestamps, a multiplexed frame's payload is almost always exactly
// `<time> <text>\n`: the wire line is that payload with the stream digit in front. Such frames are
// copied as bytes; everything else (split frames, long lines sent in parts, TTY logs, invalid
// UTF-8, lines without a timestamp) goes through LineAssembler, whose output this must equal.

const NEWLINE = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const STDOUT_DIGIT = 0x31;
const STDERR_DIGIT = 0x32;
/** Wire bytes are written into buffers this big and handed on as slices of them. */
export const WIRE_BUFFER_BYTES = 64 * 1024;

const isDigit = (b: number | undefined) => b !== undefined && b >= 0x30 && b <= 0x39;

/**
 * Where the space after a leading RFC 3339 time in `b[start, end)` is, or -1. Byte for byte the
 * demuxer's TIMESTAMP regex (`YYYY-MM-DDTHH:MM:SS(.f{1,9})?(Z|±HH:MM)`) without a string per line.
 */
export function timestampEnd(b: Buffer, start: number, end: number): number {
  const s = start;
  if (end - s < 21) return -1; // the shortest time (20 bytes) and its space
  if (
    !(isDigit(b[s]) && isDigit(b[s + 1]) && isDigit(b[s + 2]) && isDigit(b[s + 3]) && b[s + 4] === 0x2d) ||
    !(isDigit(b[s + 5]) && isDigit(b[s + 6]) && b[s + 7] === 0x2d && isDigit(b[s + 8]) && isDigit(b[s + 9]) && b[s + 10] === 0x54) ||
    !(isDigit(b[s + 11]) && isDigit(b[s + 12]) && b[s + 13] === 0x3a && isDigit(b[s + 14]) && isDigit(b[s + 15])) ||
    !(b[s + 16] === 0x3a && isDigit(b[s + 17]) && isDigit(b[s + 18]))
  ) {
    return -1;
  }
  let i = s + 19;
  if (b[i] === 0x2e) {
    const first = ++i;
    while (i < end && isDigit(b[i])) i++;
    if (i === first || i - first > 9) return -1;
  }
  if (i < end && b[i] === 0x5a) i++;
  else if (i + 6 < end && (b[i] === 0x2b || b[i] === 0x2d) && isDigit(b[i + 1]) && isDigit(b[i + 2]) && b[i + 3] === 0x3a) {
    if (!isDigit(b[i + 4]) || !isDigit(b[i + 5])) return -1;
    i += 6;
  } else return -1;
  return i < end && b[i] === SPACE ? i : -1;
}

/**
 * Collects wire lines into pre-allocated buffers and hands them on in order as slices (never
 * overwritten once handed on, so a receiver may hold them). `flush` hands on what is pending.
 */
export class LogWireWriter {
  /** Empty until the first line, so an idle channel holds no buffer. */
  private buf = Buffer.alloc(0);
  private used = 0;
  private flushed = 0;

  constructor(private readonly emit: (bytes: Buffer) => void) {}

  flush(): void {
    if (this.used === this.flushed) return;
    const bytes = this.buf.subarray(this.flushed, this.used);
    this.flushed = this.used;
    this.emit(bytes);
  }

  /** A line the slow path assembled. */
  line(line: LogLine): void {
    const text = encodeLogLines([line]);
    // UTF-8 takes at most 3 bytes per UTF-16 unit; a line too big for a buffer goes on its own.
    if (text.length * 3 > WIRE_BUFFER_BYTES) {
      this.flush();
      this.emit(Buffer.from(text, 'utf8'));
      return;
    }
    this.makeRoom(text.length * 3);
    this.used += this.buf.write(text, this.used, 'utf8');
  }

  /**
   * Writes `payload[start, end)` as a wire line if it is one whole `<time> <text>\n` in valid UTF-8
   * with no other newline (a '\r' before the newline is dropped, as LineAssembler does), and
   * returns true; otherwise writes nothing and returns false.
   */
  frame(stderr: boolean, payload: Buffer, start: number, end: number): boolean {
    if (payload[end - 1] !== NEWLINE) return false;
    const space = timestampEnd(payload, start, end - 1);
    if (space < 0) return false;
    let stop = end - 1;
    if (stop > space + 1 && payload[stop - 1] === CR) stop--;
    if (stop - start + 2 > WIRE_BUFFER_BYTES) return false;
    this.makeRoom(stop - start + 2);
    // Copy and check in one pass: lines are short, and a native copy per line costs more.
    const out = this.buf;
    let o = this.used;
    out[o++] = stderr ? STDERR_DIGIT : STDOUT_DIGIT;
    let high = false;
    for (let k = start; k < stop; k++) {
      const b = payload[k]!;
      if (b === NEWLINE) return false;
      if (b > 0x7f) high = true;
      out[o++] = b;
    }
    // Invalid UTF-8 becomes U+FFFD on the slow path; only valid bytes pass through unchanged.
    if (high && !isUtf8(payload.subarray(space + 1, stop))) return false;
    out[o++] = NEWLINE;
    this.used = o;
    return true;
  }

  private makeRoom(bytes: number): void {
    if (this.used + bytes <= this.buf.length) return;
    this.flush();
    this.buf = Buffer.allocUnsafe(WIRE_BUFFER_BYTES);
    this.used = this.flushed = 0;
  }
}

/**
 * Parses a container's log stream (timestamps on) into wire lines written to `out`, flushed after
 * every chunk. Same lines, same order as createLogLineParser then encodeLogLines.
 */
export function createLogWireParser(tty: boolean, out: LogWireWriter): LogLineParser {
  const line = (l: LogLine) => out.line(l);
  const stdout = new LineAssembler('stdout', line);
  if (tty) {
    return {
      push: (chunk) => {
        stdout.push(chunk);
        out.flush();
      },
      end: () => {
        stdout.end();
        out.flush();
      },
    };
  }
  const stderr = new LineAssembler('stderr', line);
  // Type 0 (stdin) never appears in logs; 3 is the engine's own error text, shown as stderr.
  const target = (type: number) => (type === 2 || type === 3 ? stderr : stdout);
  const demuxer = new MultiplexDemuxer(
    (type, data, frameStart) => {
      const assembler = target(type);
      if (frameStart) assembler.frameStart();
      assembler.push(data);
    },
    // Only while that stream's assembler holds nothing, so no line can overtake a partial one.
    (type, chunk, start, end) => target(type).idle && (start === end || out.frame(type !== 1 && type !== 0, chunk, start, end)),
  );
  return {
    push: (chunk) => {
      demuxer.push(chunk);
      out.flush();
    },
    end: () => {
      stdout.end();
      stderr.end();
      out.flush();
    },
  };
}
