import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatLabelFilter, matchesLabelFilter, MAX_LABEL_FILTER_LENGTH, parseLabelFilter } from './label-filter';

describe('parseLabelFilter', () => {
  it('reads key and key=value as docker ps --filter label= does', () => {
    expect(parseLabelFilter('')).toEqual({ ok: true, filter: null });
    expect(parseLabelFilter('   ')).toEqual({ ok: true, filter: null });
    expect(parseLabelFilter('tier')).toEqual({ ok: true, filter: { key: 'tier' } });
    expect(parseLabelFilter(' com.docker.compose.project=shop ')).toEqual({ ok: true, filter: { key: 'com.docker.compose.project', value: 'shop' } });
    expect(parseLabelFilter('k=')).toEqual({ ok: true, filter: { key: 'k', value: '' } });
    // the value is everything after the first '='
    expect(parseLabelFilter('url=a=b c')).toEqual({ ok: true, filter: { key: 'url', value: 'a=b c' } });
  });

  it('refuses a missing key, a key with spaces, and an over-long filter, saying why', () => {
    for (const bad of ['=x', ' = x', 'a b', 'a b=c', 'k'.repeat(MAX_LABEL_FILTER_LENGTH + 1)]) {
      const r = parseLabelFilter(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/key|characters/);
    }
  });

  it('round-trips every key and value through format and parse', () => {
    const key = fc.stringMatching(/^[A-Za-z0-9._/-]{1,40}$/);
    const value = fc.string({ maxLength: 40 }).filter((v) => v === v.trim());
    fc.assert(
      fc.property(key, fc.option(value, { nil: undefined }), (k, v) => {
        const f = v === undefined ? { key: k } : { key: k, value: v };
        expect(parseLabelFilter(formatLabelFilter(f))).toEqual({ ok: true, filter: f });
      }),
    );
  });

  it('matches as the engine does: key present, or key with exactly that value', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z.]{1,8}$/), fc.string({ maxLength: 8 })), fc.stringMatching(/^[a-z.]{1,8}$/), fc.string({ maxLength: 8 }), (labels, k, v) => {
        expect(matchesLabelFilter(labels, { key: k })).toBe(Object.hasOwn(labels, k));
        expect(matchesLabelFilter(labels, { key: k, value: v })).toBe(Object.hasOwn(labels, k) && labels[k] === v);
        expect(matchesLabelFilter(labels, null)).toBe(true);
      }),
    );
  });
});
