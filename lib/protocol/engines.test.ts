import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { engineNameSchema } from './engines';

describe('engineNameSchema', () => {
  it('takes the docker CLI context names', () => {
    for (const name of ['default', 'build-box', 'prod.eu+1', 'a_b', 'x']) expect(engineNameSchema.safeParse(name).success).toBe(true);
  });

  it('refuses anything that could leave a query, a path or a log line', () => {
    for (const name of ['', '-x', '.hidden', 'a/b', '../x', 'a b', 'a?b', 'a#b', 'a%2Fb', 'é', 'x'.repeat(65), 'a\nb']) {
      expect(engineNameSchema.safeParse(name).success).toBe(false);
    }
  });

  it('takes every name of the rule, and each is the same in a URL query once encoded and decoded', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9_.+-]{0,63}$/), (s) => {
        expect(engineNameSchema.safeParse(s).success).toBe(true);
        expect(new URLSearchParams(`engine=${encodeURIComponent(s)}`).get('engine')).toBe(s);
        expect(/[/?#%\s]/.test(s)).toBe(false);
      }),
    );
  });
});
