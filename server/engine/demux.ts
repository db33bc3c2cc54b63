import { StringDecoder } from 'node:string_decoder';
import type { LogLine, LogStream } from '../../lib/protocol/streams';

// Pure parsing of the engine's log stream (`GET /containers/{id}/logs?timestamps=1`): no I/O here,
// so every chunk boundary can be tested. Chunks arrive however the HTTP layer cut them: a frame
// header, a timestamp or a UTF-8 character may be split between any two of them.

/**
 * Splits a multiplexed (non-TTY) stream into frame payload pieces. Each frame is an 8-byte header
 * (stream type, three zero bytes, u32 big-endian length) and then `length` bytes. Pieces are handed
 * on as they arrive rather than reassembled, so a huge frame never sits whole in memory.
 */
export class MultiplexDemuxer {
  private readonly header = Buffer.alloc(8);
  private headerFill = 0;
  private remaining = 0;
  private stream = 1;
  private atFrameStart = false;
  /** Set when the bytes turned out not to be multiplexed at all; everything is then raw stdout. */
  private raw = false;

  /**
   * `onWholeFrame`, when given, sees each frame whose header and payload are both inside the current
   * chunk first (payload is `chunk[start, end)`); if it returns true the frame is consumed and
   * `onPiece` never sees it. It lets the common case be handled without copying or splitting.
   */
  constructor(
    private readonly onPiece: (streamType: number, data: Buffer, frameStart: boolean) => void,
    private readonly onWholeFrame?: (streamType: number, chunk: Buffer, start: number, end: number) => boolean,
  ) {}

  push(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.raw) {
        this.onPiece(1, chunk.subarray(i), false);
        return;
      }
      if (this.remaining === 0) {
        if (this.headerFill === 0 && this.onWholeFrame && chunk.length - i >= 8 && isFrameHeader(chunk, i)) {
          const end = i + 8 + chunk.readUInt32BE(i + 4);
          if (end <= chunk.length && this.onWholeFrame(chunk[i]!, chunk, i + 8, end)) {
            i = end;
            continue;
          }
        }
        const n = Math.min(8 - this.headerFill, chunk.length - i);
        chunk.copy(this.header, this.headerFill, i, i + n);
        this.headerFill += n;
        i += n;
        if (this.headerFill < 8) return;
        this.headerFill = 0;
        if (!isFrameHeader(this.header, 0)) {
          // Not a frame header: the container's TTY setting changed under us, or an old engine.
          // Showing the bytes as text beats showing nothing.
          this.raw = true;
          this.onPiece(1, Buffer.from(this.header), false);
          continue;
        }
        this.stream = this.header[0]!;
        this.remaining = this.header.readUInt32BE(4);
        this.atFrameStart = true;
        continue;
      }
      const n = Math.min(this.remaining, chunk.length - i);
      this.onPiece(this.stream, chunk.subarray(i, i + n), this.atFrameStart);
      this.atFrameStart = false;
      this.remaining -= n;
      i += n;
    }
  }
}

/** Stream type 0–3, then three zero bytes. */
function isFrameHeader(b: Buffer, at: number): boolean {
  return b[at]! <= 3 && b[at + 1] === 0 && b[at + 2] === 0 && b[at + 3] === 0;
}

export const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
/** Longer than any RFC 3339 time: past this without a space, the line has no timestamp. */
const MAX_TIMESTAMP_BYTES = 40;
const SPACE = 0x20;
const NEWLINE = 0x0a;
/** Held timestamp bytes are never mutated (concat makes new buffers), so one empty buffer serves all. */
const EMPTY = Buffer.alloc(0);

/**
 * Turns one stream's bytes into lines. The engine starts every message with its timestamp and a
 * space; a line over 16 KiB is sent as several messages, each starting with the same timestamp,
 * and only the last ending in a newline. A StringDecoder per stream keeps a multi-byte character
 * split between chunks (or between those parts) intact.
 */
export class LineAssembler {
  private readonly decoder = new StringDecoder('utf8');
  private text = '';
  private time = '';
  /** A line has started (its timestamp, if any, was read). */
  private inLine = false;
  /** Bytes of a timestamp being read; null while reading text. */
  private stamp: Buffer | null = EMPTY;
  /** The timestamp being read opens a new message in the middle of a line. */
  private stampMidLine = false;

  constructor(
    private readonly stream: LogStream,
    private readonly emit: (line: LogLine) => void,
  ) {}

  /** Nothing held: no part of a line, timestamp or character (the state of a new assembler). */
  get idle(): boolean {
    return !this.inLine && this.stamp !== null && this.stamp.length === 0;
  }

  /** A new engine message starts with the next byte (multiplexed streams only). */
  frameStart(): void {
    if (this.inLine && this.stamp === null) {
      this.stamp = EMPTY;
      this.stampMidLine = true;
    }
  }

  push(data: Buffer): void {
    let i = 0;
    while (i < data.length) {
      if (this.stamp) {
        let j = i;
        const room = MAX_TIMESTAMP_BYTES - this.stamp.length;
        while (j < data.length && j - i < room && data[j] !== SPACE && data[j] !== NEWLINE) j++;
        if (j === data.length && j - i < room) {
          this.stamp = Buffer.concat([this.stamp, data.subarray(i, j)]);
          return;
        }
        // The common case (a whole timestamp inside one chunk) reads it without copying.
        const candidate =
          this.stamp.length === 0 ? data.toString('latin1', i, j) : Buffer.concat([this.stamp, data.subarray(i, j)]).toString('latin1');
        if (data[j] === SPACE && TIMESTAMP.test(candidate)) {
          this.stamp = null;
          this.acceptTimestamp(candidate);
          i = j + 1;
          continue;
        }
        // No timestamp after all: what was held back is text, and so is what follows.
        const held = this.stamp;
        this.stamp = null;
        this.stampMidLine = false;
        this.pushText(held);
        continue;
      }
      const nl = data.indexOf(NEWLINE, i);
      if (nl < 0) {
        this.pushText(data.subarray(i));
        return;
      }
      this.pushText(data.subarray(i, nl));
      this.endLine();
      i = nl + 1;
    }
  }

  /** The stream ended: a last line without a newline is still a line. */
  end(): void {
    if (this.stamp && this.stamp.length > 0) {
      const held = this.stamp;
      this.stamp = null;
      this.pushText(held);
    }
    if (this.inLine || this.text) this.endLine();
  }

  private acceptTimestamp(time: string): void {
    if (this.stampMidLine) {
      this.stampMidLine = false;
      // Same timestamp: the next part of a long line. Another one: the previous line simply had
      // no newline (e.g. the last output before a restart), so it ends here.
      if (time === this.time) return;
      this.endLine();
      this.stamp = null;
    }
    this.time = time;
    this.inLine = true;
  }

  private pushText(bytes: Buffer): void {
    this.inLine = true;
    if (bytes.length) this.text += this.decoder.write(bytes);
  }

  private endLine(): void {
    let text = this.text + this.decoder.end();
    if (text.endsWith('\r')) text = text.slice(0, -1);
    this.emit({ stream: this.stream, time: this.time, text });
    this.text = '';
    this.time = '';
    this.inLine = false;
    this.stamp = EMPTY;
    this.stampMidLine = false;
  }
}

export interface LogLineParser {
  push(chunk: Buffer): void;
  /** Flushes the last partial line of each stream. */
  end(): void;
}

/**
 * Parses a container's log stream into lines. TTY containers' logs are raw (all stdout); the
 * others are multiplexed with frame headers.
 */
export function createLogLineParser(tty: boolean, onLine: (line: LogLine) => void): LogLineParser {
  const stdout = new LineAssembler('stdout', onLine);
  if (tty) return { push: (chunk) => stdout.push(chunk), end: () => stdout.end() };
  const stderr = new LineAssembler('stderr', onLine);
  // Type 0 (stdin) never appears in logs; 3 is the engine's own error text, shown as stderr.
  const demuxer = new MultiplexDemuxer((type, data, frameStart) => {
    const target = type === 2 || type === 3 ? stderr : stdout;
    if (frameStart) target.frameStart();
    target.push(data);
  });
  return {
    push: (chunk) => demuxer.push(chunk),
    end: () => {
      stdout.end();
      stderr.end();
    },
  };
}
