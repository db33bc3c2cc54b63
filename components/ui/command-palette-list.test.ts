import { describe, expect, it } from 'vitest';
import { paletteScore } from './command-palette-list';

describe('paletteScore', () => {
  it('puts the entry whose label is exactly what was typed above every fuzzy match', () => {
    const exact = paletteScore('image:sha256:aa', ' WEB:99 ', ['web:99', 'aaaaaaaaaaaa']);
    const longer = paletteScore('image:sha256:bb', 'web:99', ['web:991', 'bbbbbbbbbbbb']);
    expect(exact).toBe(1);
    expect(longer).toBeGreaterThan(0);
    expect(longer).toBeLessThan(exact);
  });

  it('keeps what does not match out, and scores the rest as cmdk does', () => {
    expect(paletteScore('page:/images', 'zzz', ['Images'])).toBe(0);
    expect(paletteScore('page:/images', 'img', ['Images'])).toBeGreaterThan(0);
    expect(paletteScore('page:/images', '', ['Images'])).toBeGreaterThan(0);
  });
});
