import type { BuildProgress, BuildStep } from '../../lib/protocol/tasks';
import type { EngineMessage } from './json-lines';

/**
 * The legacy builder's log (`POST /build`, `version=1`; BuildKit needs a gRPC session the Debian
 * 20.10 engine cannot offer): `{"stream": "Step 2/5 : RUN …\n"}`, the step's output, ` ---> <id>`,
 * and at the end `Successfully built <id>` / `Successfully tagged <name>`. `stream` pieces are not
 * whole lines (a RUN's output arrives as it is written), so text is joined until a newline.
 */

const STEP = /^Step (\d+)\/(\d+) : (.*)$/;
const RESULT = /^ ---> ([0-9a-f]{12,64})$/;
const CACHED = /^ ---> Using cache$/;
const BUILT = /^Successfully built ([0-9a-f]{12,64})$/;
const TAGGED = /^Successfully tagged (.+)$/;
const MAX_STEPS = 500;
const MAX_INSTRUCTION = 300;
const MAX_PENDING = 64 * 1024;
const MAX_TAGS = 50;

export class BuildLogTracker {
  private readonly steps: BuildStep[] = [];
  private pending = '';
  private total = 0;
  private imageId: string | undefined;
  private readonly tags: string[] = [];

  /** Feeds one engine message; returns the whole lines it completed (for the task's log). */
  apply(m: EngineMessage): string[] {
    const aux = m.aux as { ID?: unknown } | undefined;
    if (aux && typeof aux.ID === 'string') this.imageId = aux.ID;
    if (typeof m.stream !== 'string') return [];
    this.pending += m.stream;
    const parts = this.pending.split('\n');
    this.pending = parts.pop() ?? '';
    // A process that writes without newlines: the log still moves, in bounded pieces.
    if (this.pending.length > MAX_PENDING) {
      parts.push(this.pending);
      this.pending = '';
    }
    for (const line of parts) this.line(line.replace(/\r$/, ''));
    return parts;
  }

  /** The stream ended: an unterminated last line still counts. */
  flush(): string[] {
    if (!this.pending) return [];
    const last = this.pending;
    this.pending = '';
    this.line(last);
    return [last];
  }

  /** The build failed: the step being run is the one that failed. */
  markFailed(): void {
    const last = this.steps[this.steps.length - 1];
    if (last && !last.result) last.failed = true;
  }

  private line(line: string): void {
    const step = STEP.exec(line);
    if (step) {
      this.total = Number(step[2]);
      if (this.steps.length < MAX_STEPS) this.steps.push({ n: Number(step[1]), of: this.total, instruction: step[3]!.slice(0, MAX_INSTRUCTION) });
      return;
    }
    const current = this.steps[this.steps.length - 1];
    const result = RESULT.exec(line);
    if (result && current) {
      current.result = result[1];
      return;
    }
    if (CACHED.test(line) && current) {
      current.cached = true;
      return;
    }
    const built = BUILT.exec(line);
    if (built) {
      this.imageId ??= built[1];
      return;
    }
    const tagged = TAGGED.exec(line);
    if (tagged && this.tags.length < MAX_TAGS) this.tags.push(tagged[1]!.slice(0, 300));
  }

  snapshot(): BuildProgress {
    const last = this.steps[this.steps.length - 1];
    return {
      kind: 'build',
      builder: 'legacy',
      steps: this.steps.map((s) => ({ ...s })),
      current: last?.n ?? 0,
      total: this.total,
      ...(this.imageId ? { imageId: this.imageId } : {}),
      tags: [...this.tags],
    };
  }
}
