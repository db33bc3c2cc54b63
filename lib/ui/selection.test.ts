import { describe, expect, it } from 'vitest';
import { toggleSelection } from './selection';

const order = ['a', 'b', 'c', 'd', 'e'];

describe('toggleSelection', () => {
  it('flips one row without Shift', () => {
    expect([...toggleSelection(new Set(), order, 'a', 'c', false)]).toEqual(['c']);
    expect([...toggleSelection(new Set(['c', 'd']), order, 'a', 'c', false)]).toEqual(['d']);
  });
  it("with Shift, sets every row between the last clicked one and this one, either way round, to the clicked row's new state", () => {
    expect([...toggleSelection(new Set(['b']), order, 'b', 'd', true)].sort()).toEqual(['b', 'c', 'd']);
    expect([...toggleSelection(new Set(['d']), order, 'd', 'b', true)].sort()).toEqual(['b', 'c', 'd']);
    expect([...toggleSelection(new Set(['a', 'b', 'c', 'd', 'e']), order, 'b', 'd', true)].sort()).toEqual(['a', 'e']);
  });
  it('with Shift but no anchor still shown, flips only this row', () => {
    expect([...toggleSelection(new Set(), order, null, 'c', true)]).toEqual(['c']);
    expect([...toggleSelection(new Set(), order, 'gone', 'c', true)]).toEqual(['c']);
  });
  it('leaves the given selection as it was', () => {
    const before = new Set(['a']);
    toggleSelection(before, order, 'a', 'c', true);
    expect([...before]).toEqual(['a']);
  });
});
