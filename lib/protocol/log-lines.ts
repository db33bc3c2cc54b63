// Zod-free on purpose: the browser's log view imports this on its hot path, and it must not pull
// the schema library into every page's first load.

export type LogStream = 'stdout' | 'stderr';
export interface LogLine {
  stream: LogStream;
  /** RFC 3339 with nanoseconds, from the engine (always requested, so resume is exact). */
  time: string;
  text: string;
}

/**
 * Log lines travel in binary frames, batched: each line is `<s><time> <text>\n`, where `<s>` is
 * `1` (stdout) or `2` (stderr) and `<text>` has had its own trailing newline removed.
 */
export function encodeLogLines(lines: LogLine[]): string {
  let out = '';
  for (const l of lines) out += `${l.stream === 'stderr' ? '2' : '1'}${l.time} ${l.text}\n`;
  return out;
}

export function decodeLogLines(text: string): LogLine[] {
  const out: LogLine[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    const sp = line.indexOf(' ');
    if (line.length < 2 || sp < 0) continue;
    out.push({ stream: line[0] === '2' ? 'stderr' : 'stdout', time: line.slice(1, sp), text: line.slice(sp + 1) });
  }
  return out;
}
