/** A straight line in a drawing and the text that names it (the network picture's addresses). */
export type LabelledLine = { x1: number; y1: number; x2: number; y2: number; text: string };

/** Where a label's centre goes, as a fraction of the way from (x1, y1) to (x2, y2). */
export type PlacedLabel = { x: number; y: number; t: number };

/**
 * Points along a line tried in turn. First near its second end (a container, in the network
 * picture), where lines into different containers are apart; then higher up, for a container on
 * several networks, whose lines all meet at its box. Far enough apart (0.22 of the line's height)
 * that two labels on one point's neighbours clear each other.
 */
export const LABEL_POINTS = [0.78, 0.56, 0.34, 0.12];

type Box = { left: number; right: number; top: number; bottom: number };

const overlap = (a: Box, b: Box) => Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));

/**
 * Places each line's label on its line where it overlaps no label placed before it, trying the
 * points of LABEL_POINTS in order; where every point overlaps, the one that overlaps least. Labels are
 * `charWidth` per character wide and `height` tall, centred on their point; each line comes back with
 * its label's point. Deterministic: the same lines in the same order are labelled in the same places.
 */
export function placeLineLabels<L extends LabelledLine>(lines: readonly L[], charWidth: number, height: number): (L & { label: PlacedLabel })[] {
  const placed: Box[] = [];
  return lines.map((l) => {
    const width = l.text.length * charWidth;
    let best: { at: PlacedLabel; box: Box; cost: number } | null = null;
    for (const t of LABEL_POINTS) {
      const at = { x: l.x1 + (l.x2 - l.x1) * t, y: l.y1 + (l.y2 - l.y1) * t, t };
      const box = { left: at.x - width / 2, right: at.x + width / 2, top: at.y - height / 2, bottom: at.y + height / 2 };
      const cost = placed.reduce((sum, p) => sum + overlap(p, box), 0);
      if (!best || cost < best.cost) best = { at, box, cost };
      if (cost === 0) break;
    }
    placed.push(best!.box);
    return { ...l, label: best!.at };
  });
}
