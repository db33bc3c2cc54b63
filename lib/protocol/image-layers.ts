import type { ImageKind, ImageSharing, LayerGraph, LayerGraphImage, LayerNode } from './images';

/**
 * Layer sharing from what API 1.41 gives cheaply: each image's `RootFS.Layers` (DiffIDs, base
 * first) and each layer's size from history. Two images share a layer when the *whole chain* of
 * DiffIDs up to it is equal (that is the engine's ChainID); a trie over DiffID chains gives every
 * distinct layer one node without hashing.
 */

export interface ImageLayersInput {
  id: string;
  parentId: string;
  repoTags: string[];
  kind: ImageKind;
  size: number;
  containers: number;
  /** DiffIDs, base first. */
  diffIds: string[];
  /** Bytes per layer, same order. */
  layerSizes: number[];
  /** Readable step per layer, same order, when known. */
  layerSteps?: string[];
}

export function buildLayerGraph(inputs: ImageLayersInput[]): Omit<LayerGraph, 'containers'> {
  const layers: LayerNode[] = [];
  // trie: parent node index (-1 = root) → diffId → node index
  const trie = new Map<number, Map<string, number>>();
  const images: LayerGraphImage[] = [];
  for (const img of inputs) {
    let parent = -1;
    const stack: number[] = [];
    img.diffIds.forEach((diffId, i) => {
      let children = trie.get(parent);
      if (!children) trie.set(parent, (children = new Map()));
      let node = children.get(diffId);
      if (node === undefined) {
        node = layers.length;
        layers.push({ index: node, diffId, parent: parent < 0 ? null : parent, size: img.layerSizes[i] ?? 0, step: img.layerSteps?.[i] ?? '', images: [] });
        children.set(diffId, node);
      } else if (!layers[node]!.step && img.layerSteps?.[i]) layers[node]!.step = img.layerSteps[i]!;
      layers[node]!.images.push(img.id);
      stack.push(node);
      parent = node;
    });
    images.push({ id: img.id, repoTags: img.repoTags, kind: img.kind, layers: stack, size: img.size, uniqueSize: 0, sharedSize: 0, containers: img.containers });
  }
  const sharing = computeSharing(inputs, layers, images);
  for (const img of images) {
    const s = sharing.get(img.id)!;
    img.uniqueSize = s.uniqueSize;
    img.sharedSize = s.sharedSize;
  }
  return { layers, images };
}

/**
 * The images `docker rmi <id>` removes with it: the image, then each untagged parent that only
 * it was built on and no container uses (the engine prunes those parents unless `--no-prune`).
 */
export function removalSet(id: string, byId: Map<string, Pick<ImageLayersInput, 'id' | 'parentId' | 'repoTags' | 'containers'>>, children: Map<string, number>): Set<string> {
  const set = new Set([id]);
  let p = byId.get(id)?.parentId;
  while (p && byId.has(p)) {
    const parent = byId.get(p)!;
    if (parent.repoTags.length > 0 || parent.containers > 0 || (children.get(p) ?? 0) > 1) break;
    set.add(p);
    p = parent.parentId;
  }
  return set;
}

export function childCounts(inputs: Array<{ parentId: string }>): Map<string, number> {
  const children = new Map<string, number>();
  for (const i of inputs) if (i.parentId) children.set(i.parentId, (children.get(i.parentId) ?? 0) + 1);
  return children;
}

/**
 * unique = bytes of layers used only by the image and the parents that go with it (what removal
 * frees); shared = the rest of its size. An image other images are built on frees nothing.
 */
function computeSharing(inputs: ImageLayersInput[], layers: LayerNode[], images: LayerGraphImage[]): Map<string, ImageSharing> {
  const byId = new Map(inputs.map((i) => [i.id, i]));
  const children = childCounts(inputs);
  const out = new Map<string, ImageSharing>();
  for (const img of images) {
    const total = img.layers.reduce((sum, n) => sum + layers[n]!.size, 0);
    const removed = removalSet(img.id, byId, children);
    let unique = 0;
    for (const n of img.layers) {
      const users = layers[n]!.images;
      if (users.length <= removed.size && users.every((u) => removed.has(u))) unique += layers[n]!.size;
    }
    out.set(img.id, { id: img.id, uniqueSize: unique, sharedSize: total - unique });
  }
  return out;
}

/** Layers (node indices) that removing `ids` would free, and their bytes. */
export function freedByRemoving(graph: Omit<LayerGraph, 'containers'>, ids: Set<string>): { layers: number[]; bytes: number } {
  const freed: number[] = [];
  let bytes = 0;
  const seen = new Set<number>();
  for (const img of graph.images) {
    if (!ids.has(img.id)) continue;
    for (const n of img.layers) {
      if (seen.has(n)) continue;
      seen.add(n);
      const node = graph.layers[n]!;
      if (node.images.every((u) => ids.has(u))) {
        freed.push(n);
        bytes += node.size;
      }
    }
  }
  return { layers: freed, bytes };
}
