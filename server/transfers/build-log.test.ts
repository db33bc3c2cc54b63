import { describe, expect, it } from 'vitest';
import { BuildLogTracker } from './build-log';

describe('BuildLogTracker', () => {
  it('reads steps, results, cache hits and the closing lines, across split stream pieces', () => {
    const t = new BuildLogTracker();
    const pieces = [
      'Step 1/3 : FROM dockside/busybox\n',
      ' ---> 0123456789ab\n',
      'Step 2/3 : RUN echo hi\n ---> Running in ffeeddccbbaa\n',
      'h',
      'i\n',
      'Removing intermediate container ffeeddccbbaa\n ---> ',
      'abcdefabcdef\n',
      'Step 3/3 : CMD ["sh"]\n ---> Using cache\n ---> 111111111111\n',
      'Successfully built 111111111111\n',
      'Successfully tagged app:v1\n',
    ];
    const lines: string[] = [];
    for (const p of pieces) lines.push(...t.apply({ stream: p }));
    t.apply({ aux: { ID: 'sha256:' + '1'.repeat(64) } });
    expect(lines).toContain('hi');
    const s = t.snapshot();
    expect(s.builder).toBe('legacy');
    expect(s.total).toBe(3);
    expect(s.current).toBe(3);
    expect(s.steps.map((x) => x.result)).toEqual(['0123456789ab', 'abcdefabcdef', '111111111111']);
    expect(s.steps[2]!.cached).toBe(true);
    expect(s.steps[1]!.instruction).toBe('RUN echo hi');
    expect(s.tags).toEqual(['app:v1']);
    expect(s.imageId).toBe('sha256:' + '1'.repeat(64));
  });

  it('marks the running step failed', () => {
    const t = new BuildLogTracker();
    t.apply({ stream: 'Step 1/2 : FROM dockside/busybox\n ---> 0123456789ab\nStep 2/2 : RUN false\n' });
    t.markFailed();
    const s = t.snapshot();
    expect(s.steps[0]!.failed).toBeUndefined();
    expect(s.steps[1]!.failed).toBe(true);
  });

  it('keeps a line without a newline bounded and flushes the last one', () => {
    const t = new BuildLogTracker();
    const out = t.apply({ stream: 'x'.repeat(70 * 1024) });
    expect(out).toHaveLength(1);
    t.apply({ stream: 'tail' });
    expect(t.flush()).toEqual(['tail']);
  });
});
