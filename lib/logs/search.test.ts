import { describe, expect, it } from 'vitest';
import { compileSearch, markMatches } from './search';

describe('compileSearch', () => {
  it('is off for an empty query', () => {
    expect(compileSearch({ query: '', regex: false, matchCase: false })).toEqual({ search: null, error: null });
  });
  it('matches plain text literally, ignoring case unless asked', () => {
    const { search } = compileSearch({ query: 'a.b', regex: false, matchCase: false });
    expect(search!.test('xA.By')).toBe(true);
    expect(search!.test('axb')).toBe(false);
    expect(search!.ranges('a.b A.B')).toEqual([
      [0, 3],
      [4, 7],
    ]);
    expect(compileSearch({ query: 'Err', regex: false, matchCase: true }).search!.test('err')).toBe(false);
  });
  it('matches regular expressions', () => {
    const { search } = compileSearch({ query: 'warn \\d+', regex: true, matchCase: false });
    expect(search!.ranges('WARN 12 and warn 3')).toEqual([
      [0, 7],
      [12, 18],
    ]);
  });
  it('reports a broken regex instead of throwing', () => {
    const r = compileSearch({ query: '(', regex: true, matchCase: false });
    expect(r.search).toBeNull();
    expect(r.error).toBeTruthy();
  });
  it('survives empty matches', () => {
    expect(compileSearch({ query: 'x*', regex: true, matchCase: false }).search!.ranges('axxb')).toEqual([[1, 3]]);
  });
  it('test() is repeatable (no lastIndex state)', () => {
    const { search } = compileSearch({ query: 'a', regex: true, matchCase: false });
    expect([search!.test('a'), search!.test('a'), search!.test('a')]).toEqual([true, true, true]);
  });
});

describe('markMatches', () => {
  it('splits spans at match edges, across span boundaries', () => {
    const spans = [
      { text: 'hello ', style: 1 },
      { text: 'world', style: 2 },
    ];
    expect(markMatches(spans, [[4, 8]])).toEqual([
      { text: 'hell', style: 1, match: false },
      { text: 'o ', style: 1, match: true },
      { text: 'wo', style: 2, match: true },
      { text: 'rld', style: 2, match: false },
    ]);
  });
  it('handles several matches in one span and none at all', () => {
    expect(markMatches([{ text: 'abab' }], [[0, 1], [2, 3]]).map((s) => [s.text, s.match])).toEqual([
      ['a', true],
      ['b', false],
      ['a', true],
      ['b', false],
    ]);
    expect(markMatches([{ text: 'x' }], [])).toEqual([{ text: 'x', match: false }]);
  });
});
