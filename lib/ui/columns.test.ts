import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitColumns, gridTemplate, type ColumnSpec } from './columns';

const cols: ColumnSpec[] = [
  { id: 'select', min: 36, priority: 0 },
  { id: 'name', min: 160, grow: 2, priority: 0 },
  { id: 'image', min: 128, grow: 1.5, priority: 2 },
  { id: 'status', min: 150, grow: 1, priority: 1 },
  { id: 'created', min: 100, priority: 4 },
  { id: 'actions', min: 136, priority: 0 },
];
const ids = (cs: ColumnSpec[]) => cs.map((c) => c.id);

describe('fitColumns', () => {
  it('keeps every column when they fit', () => {
    expect(ids(fitColumns(cols, 2000, 12))).toEqual(ids(cols));
  });
  it('drops the highest priority number first, keeping order', () => {
    expect(ids(fitColumns(cols, 36 + 160 + 128 + 150 + 136 + 4 * 12, 12))).toEqual(['select', 'name', 'image', 'status', 'actions']);
    expect(ids(fitColumns(cols, 36 + 160 + 150 + 136 + 3 * 12, 12))).toEqual(['select', 'name', 'status', 'actions']);
  });
  it('never drops priority 0, even when nothing fits', () => {
    expect(ids(fitColumns(cols, 10, 12))).toEqual(['select', 'name', 'actions']);
  });
  it('what it keeps always fits, unless only priority 0 is left', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), (w) => {
        const shown = fitColumns(cols, w, 12);
        const need = shown.reduce((s, c) => s + c.min, 0) + 12 * (shown.length - 1);
        expect(need <= w || shown.every((c) => c.priority === 0)).toBe(true);
        // Wider never shows fewer columns.
        expect(fitColumns(cols, w + 50, 12).length).toBeGreaterThanOrEqual(shown.length);
      }),
    );
  });
});

describe('gridTemplate', () => {
  it('fixed columns are their min, growing ones a minmax', () => {
    expect(gridTemplate([cols[0]!, cols[1]!])).toBe('36px minmax(160px,2fr)');
  });
});
