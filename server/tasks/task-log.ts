/** A task's log: the newest lines, bounded in count and in line length. */
export const MAX_LOG_LINES = 2000;
export const MAX_LOG_LINE = 4000;

export class TaskLog {
  private lines: string[] = [];
  private start = 0;
  /** Lines ever written (so a reader can ask for what came after line n). */
  written = 0;

  append(line: string): void {
    const clipped = line.length > MAX_LOG_LINE ? `${line.slice(0, MAX_LOG_LINE)}… (${line.length - MAX_LOG_LINE} more characters)` : line;
    if (this.lines.length < MAX_LOG_LINES) this.lines.push(clipped);
    else {
      this.lines[this.start] = clipped;
      this.start = (this.start + 1) % MAX_LOG_LINES;
    }
    this.written += 1;
  }

  get dropped(): number {
    return this.written - this.lines.length;
  }

  /** Lines written after the first `from` ones (as many as are still kept), oldest first. */
  since(from: number): { lines: string[]; complete: boolean } {
    const all = this.lines.length < MAX_LOG_LINES ? this.lines : [...this.lines.slice(this.start), ...this.lines.slice(0, this.start)];
    const firstKept = this.dropped;
    const skip = Math.max(0, from - firstKept);
    return { lines: all.slice(skip), complete: from >= firstKept };
  }

  tail(n: number): string[] {
    return this.since(Math.max(0, this.written - n)).lines;
  }
}
