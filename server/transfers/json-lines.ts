/**
 * The engine's progress streams (`POST /images/create`, `/images/{name}/push`, `/build`, `/images/load`)
 * are JSON objects, one per line, inside an HTTP 200 — failures included. dockerode's `followProgress`
 * reports success on an in-stream error and throws on a malformed line (dockerode#639), so Dockside
 * reads these streams itself, here: chunk boundaries anywhere (even inside a UTF-8 character), bounded
 * line length, malformed lines reported as data, never thrown.
 */

export interface ProgressDetail {
  current?: number;
  total?: number;
  start?: number;
  units?: string;
  hidecounts?: boolean;
}

/** One engine message (`moby: api/types/jsonstream/message.go`). */
export interface EngineMessage {
  status?: string;
  id?: string;
  progressDetail?: ProgressDetail;
  /** Deprecated since API 1.48: never drawn from. */
  progress?: string;
  stream?: string;
  error?: string;
  errorDetail?: { code?: number; message?: string };
  aux?: unknown;
}

export type ParsedLine = { ok: true; message: EngineMessage } | { ok: false; line: string; reason: string };

/** A line longer than this is not a progress message: report it malformed instead of growing without bound. */
export const MAX_LINE_BYTES = 1024 * 1024;
const SHOWN_LINE = 200;

function clip(s: string): string {
  return s.length > SHOWN_LINE ? `${s.slice(0, SHOWN_LINE)}…` : s;
}

export function parseLine(line: string): ParsedLine | null {
  const text = line.trim();
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, line: clip(text), reason: 'not JSON' };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, line: clip(text), reason: 'not a JSON object' };
  return { ok: true, message: value as EngineMessage };
}

/** Splits a byte stream into parsed lines. Feed chunks with `push`, then call `end`. */
export class JsonLinesDecoder {
  private readonly decoder = new TextDecoder('utf-8');
  private pending = '';
  /** True while discarding the rest of an over-long line. */
  private skipping = false;

  push(chunk: Uint8Array | string): ParsedLine[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    return this.take(text, false);
  }

  end(): ParsedLine[] {
    return this.take(this.decoder.decode(), true);
  }

  private take(text: string, final: boolean): ParsedLine[] {
    const out: ParsedLine[] = [];
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      const piece = text.slice(start, nl);
      start = nl + 1;
      if (this.skipping) {
        this.skipping = false;
        this.pending = '';
        continue;
      }
      const line = this.pending + piece;
      this.pending = '';
      const parsed = parseLine(line);
      if (parsed) out.push(parsed);
    }
    if (!this.skipping) this.pending += text.slice(start);
    if (this.pending.length > MAX_LINE_BYTES) {
      out.push({ ok: false, line: clip(this.pending), reason: `a line over ${MAX_LINE_BYTES / 1024 / 1024} MiB` });
      this.pending = '';
      this.skipping = true;
    }
    if (final) {
      if (!this.skipping) {
        const parsed = parseLine(this.pending);
        if (parsed) out.push(parsed);
      }
      this.pending = '';
      this.skipping = false;
    }
    return out;
  }
}

/** The engine's error in words when a message reports one (`errorDetail` or the deprecated `error`). */
export function failureOf(message: EngineMessage): string | null {
  const detail = message.errorDetail?.message;
  if (typeof detail === 'string' && detail) return detail;
  if (typeof message.error === 'string' && message.error) return message.error;
  if (message.errorDetail) return 'The engine reported an error without a message.';
  return null;
}
