import { apiPathForEngine } from '../engine-scope';
import type { LayerGraph } from '../protocol/images';

/**
 * Where a direct load of the map reads the graph first: the page's HTML preloads this very URL
 * (app/(dashboard)/images/map/page.tsx) and the map's early read (hooks/use-images.ts) takes that
 * answer, so the read starts with the HTML instead of after the app has started.
 */
export const earlyLayerGraphUrl = (engine: string) => apiPathForEngine('/api/images/layers?sizes=0', engine);

/**
 * The layer map's geometry: an icicle from the bottom up. Base layers sit on the bottom row; each
 * layer's children (the layers built on it) stand on it; a container's read-write layer stands on
 * its image's top layer. A box's width is proportional to the bytes of the layer and of everything
 * built on it, so a widely shared base is wide and a thin tweak is narrow (never under a minimum,
 * so 0-byte layers can still be clicked); the layers standing on one layer share its whole width.
 */
export interface MapBox {
  kind: 'layer' | 'container';
  /** Layer node index, or container index in `graph.containers`. */
  ref: number;
  /** 0 = bottom row. */
  depth: number;
  /** Fractions of the full width. */
  x: number;
  w: number;
  /** Bytes of this box itself. */
  bytes: number;
  /** Images whose top layer this is (their tags are drawn on it). */
  tops: string[];
}

export interface MapLayout {
  boxes: MapBox[];
  rows: number;
  totalBytes: number;
}

export function layoutLayerMap(graph: LayerGraph, opts: { hideImages?: ReadonlySet<string> } = {}): MapLayout {
  const hidden = opts.hideImages ?? new Set<string>();
  const visibleImages = graph.images.filter((i) => !hidden.has(i.id));
  // only the layers some visible image uses
  const used = new Set<number>();
  for (const img of visibleImages) for (const n of img.layers) used.add(n);
  const children = new Map<number, number[]>();
  const roots: number[] = [];
  for (const n of used) {
    const p = graph.layers[n]!.parent;
    if (p === null) roots.push(n);
    else {
      const list = children.get(p) ?? [];
      list.push(n);
      children.set(p, list);
    }
  }
  const tops = new Map<number, string[]>();
  for (const img of visibleImages) {
    const top = img.layers[img.layers.length - 1];
    if (top === undefined) continue;
    tops.set(top, [...(tops.get(top) ?? []), img.id]);
  }
  const imageTop = new Map(visibleImages.map((i) => [i.id, i.layers[i.layers.length - 1]]));
  const containersOn = new Map<number, number[]>();
  graph.containers.forEach((c, ci) => {
    const top = imageTop.get(c.imageId);
    if (top === undefined) return;
    containersOn.set(top, [...(containersOn.get(top) ?? []), ci]);
  });

  let totalBytes = 0;
  for (const n of used) totalBytes += graph.layers[n]!.size;
  for (const c of graph.containers) totalBytes += c.sizeRw ?? 0;
  // Small layers still get a clickable share; the picture is about structure first, bytes second.
  const floor = Math.max(1, totalBytes / 80);
  const own = (n: number) => Math.max(graph.layers[n]!.size, floor);
  const ownC = (ci: number) => Math.max(graph.containers[ci]!.sizeRw ?? 0, floor);

  // subtree weights, iteratively (stacks can be deep)
  const weight = new Map<number, number>();
  const order: number[] = [];
  const stack = [...roots];
  while (stack.length) {
    const n = stack.pop()!;
    order.push(n);
    for (const c of children.get(n) ?? []) stack.push(c);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i]!;
    let w = own(n);
    for (const c of children.get(n) ?? []) w += weight.get(c)!;
    for (const ci of containersOn.get(n) ?? []) w += ownC(ci);
    weight.set(n, w);
  }

  const boxes: MapBox[] = [];
  let rows = 0;
  const total = roots.reduce((s, r) => s + weight.get(r)!, 0) || 1;
  const place: Array<{ n: number; depth: number; x: number; w: number }> = [];
  let x = 0;
  for (const r of [...roots].sort((a, b) => weight.get(b)! - weight.get(a)!)) {
    const w = weight.get(r)! / total;
    place.push({ n: r, depth: 0, x, w });
    x += w;
  }
  while (place.length) {
    const { n, depth, x: px, w: pw } = place.pop()!;
    rows = Math.max(rows, depth + 1);
    boxes.push({ kind: 'layer', ref: n, depth, x: px, w: pw, bytes: graph.layers[n]!.size, tops: tops.get(n) ?? [] });
    // the layers built on this one share its whole width, by their bytes
    const kids = children.get(n) ?? [];
    const onTop = kids.reduce((sum, c) => sum + weight.get(c)!, 0) + (containersOn.get(n) ?? []).reduce((sum, ci) => sum + ownC(ci), 0);
    const scale = onTop > 0 ? pw / onTop : 0;
    let cx = px;
    for (const c of [...(children.get(n) ?? [])].sort((a, b) => weight.get(b)! - weight.get(a)!)) {
      const cw = weight.get(c)! * scale;
      place.push({ n: c, depth: depth + 1, x: cx, w: cw });
      cx += cw;
    }
    for (const ci of containersOn.get(n) ?? []) {
      const cw = ownC(ci) * scale;
      boxes.push({ kind: 'container', ref: ci, depth: depth + 1, x: cx, w: cw, bytes: graph.containers[ci]!.sizeRw ?? 0, tops: [] });
      rows = Math.max(rows, depth + 2);
      cx += cw;
    }
  }
  return { boxes, rows, totalBytes };
}

/** The layer nodes of one image's stack (to highlight it). */
export function stackOf(graph: LayerGraph, imageId: string): Set<number> {
  return new Set(graph.images.find((i) => i.id === imageId)?.layers ?? []);
}
