import { describe, expect, it } from 'vitest';
import { runSpecSchema } from './run-spec';

describe('runSpecSchema', () => {
  it('refuses two mounts on the same container path, in words, before the engine sees them', () => {
    const r = runSpecSchema.safeParse({
      image: 'a',
      mounts: [
        { type: 'tmpfs', target: '/data', readOnly: false },
        { type: 'bind', source: '/srv', target: '/data', readOnly: false },
      ],
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/same container path/);
    expect(runSpecSchema.safeParse({ image: 'a', mounts: [{ type: 'tmpfs', target: '/a', readOnly: false }, { type: 'tmpfs', target: '/b', readOnly: false }] }).success).toBe(true);
  });
});
