import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LABEL_POINTS, placeLineLabels, type LabelledLine } from './line-labels';

const CHAR = 6;
const H = 12;
const boxOf = (l: LabelledLine, at: { x: number; y: number }) => ({ left: at.x - (l.text.length * CHAR) / 2, right: at.x + (l.text.length * CHAR) / 2, top: at.y - H / 2, bottom: at.y + H / 2 });
const overlaps = (a: ReturnType<typeof boxOf>, b: ReturnType<typeof boxOf>) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('placeLineLabels', () => {
  it('keeps apart the addresses of a container on two networks, whose lines meet at its box', () => {
    // Two networks side by side on top (166 px apart), one container below between them.
    const lines = [
      { x1: 90, y1: 40, x2: 160, y2: 120, text: '172.18.0.4' },
      { x1: 256, y1: 40, x2: 160, y2: 120, text: '172.17.0.3' },
    ];
    const [a, b] = placeLineLabels(lines, CHAR, H);
    expect(overlaps(boxOf(a!, a!.label), boxOf(b!, b!.label))).toBe(false);
    expect(a!.label.t).toBe(0.78);
  });

  it('puts a lone label near the line’s second end', () => {
    expect(placeLineLabels([{ x1: 0, y1: 0, x2: 100, y2: 100, text: 'x' }], CHAR, H).map((l) => l.label)).toEqual([{ x: 78, y: 78, t: 0.78 }]);
  });

  it('places every label on its own line, and over an earlier one only when every point on its line would be', () => {
    const line = fc.record({
      x1: fc.integer({ min: 0, max: 800 }),
      y1: fc.constant(40),
      x2: fc.integer({ min: 0, max: 800 }),
      y2: fc.constant(120),
      text: fc.string({ minLength: 1, maxLength: 15 }),
    });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
        const placed = placeLineLabels(lines, CHAR, H);
        expect(placed).toHaveLength(lines.length);
        placed.forEach((l, i) => {
          const p = l.label;
          expect(p.x).toBeCloseTo(l.x1 + (l.x2 - l.x1) * p.t);
          expect(p.y).toBeCloseTo(l.y1 + (l.y2 - l.y1) * p.t);
          const earlier = placed.slice(0, i).map((q) => boxOf(q, q.label));
          if (earlier.some((b) => overlaps(b, boxOf(l, p)))) {
            // Every other point on this line would have overlapped an earlier label too.
            for (const t of LABEL_POINTS) {
              const q = { x: l.x1 + (l.x2 - l.x1) * t, y: l.y1 + (l.y2 - l.y1) * t };
              expect(earlier.some((b) => overlaps(b, boxOf(l, q)))).toBe(true);
            }
          }
        });
      }),
    );
  });
});
