import { describe, expect, it } from 'vitest';
import { ImageLayerIndex, type ImageLayerReaders } from './image-layer-index';

class Gone extends Error {}

/** A fake engine one layer above the port: chains by image id, sizes by DiffID; counts every read. */
function fakeEngine(chains: Record<string, string[]>, sizes: Record<string, number>) {
  const reads = { chain: [] as string[], layers: [] as string[] };
  const readers: ImageLayerReaders = {
    chain: async (id) => {
      reads.chain.push(id);
      await Promise.resolve();
      if (!chains[id]) throw new Gone(id);
      return chains[id]!;
    },
    layers: async (id, chain) => {
      reads.layers.push(id);
      if (!chains[id]) throw new Gone(id);
      return { sizes: chain.map((d) => sizes[d]!), steps: chain.map((d) => `RUN make ${d}`) };
    },
    isGone: (err) => err instanceof Gone,
  };
  return { readers, reads, chains };
}

describe('ImageLayerIndex', () => {
  const chains = { base: ['b'], a: ['b', 'x'], c: ['b', 'x', 'y'], z: ['q', 'x'] };
  const sizes = { b: 100, x: 10, y: 1, q: 7 };

  it('shares a layer only when the chain below it is the same', async () => {
    const { readers } = fakeEngine(chains, sizes);
    const index = new ImageLayerIndex(readers);
    await index.sync(Object.keys(chains));
    const [bNode, xNode] = index.get('a')!.nodes;
    expect([...index.usersOf(bNode!)].sort()).toEqual(['a', 'base', 'c']);
    expect([...index.usersOf(xNode!)].sort()).toEqual(['a', 'c']);
    // 'x' over 'q' is another layer
    expect(index.get('z')!.nodes[1]).not.toBe(xNode);
    expect([...index.usersOf(index.get('z')!.nodes[1]!)]).toEqual(['z']);
  });

  it('reads each image once; later syncs read only new images and drop removed ones', async () => {
    const { readers, reads } = fakeEngine(chains, sizes);
    const index = new ImageLayerIndex(readers);
    await index.sync(['base', 'a']);
    await Promise.all([index.sync(['base', 'a', 'c']), index.sync(['base', 'a', 'c']), index.ensure('c')]);
    expect(reads.chain.sort()).toEqual(['a', 'base', 'c']);
    await index.sync(['base', 'c']);
    expect(index.get('a')).toBeUndefined();
    expect([...index.usersOf(index.get('c')!.nodes[1]!)]).toEqual(['c']);
    expect(index.size).toBe(2);
    // a's own layer went with it; the shared ones stay
    expect(index.layerCount).toBe(3);
    await index.sync([]);
    expect(index.layerCount).toBe(0);
    // an image that comes back is read again
    await index.sync(['base', 'a', 'c']);
    expect(reads.chain.filter((id) => id === 'a')).toHaveLength(2);
    expect([...index.usersOf(index.get('a')!.nodes[1]!)].sort()).toEqual(['a', 'c']);
  });

  it('leaves out an image that is gone by the time it is read', async () => {
    const { readers } = fakeEngine(chains, sizes);
    const index = new ImageLayerIndex(readers);
    await index.sync(['base', 'vanished']);
    expect(index.get('vanished')).toBeUndefined();
    expect(index.size).toBe(1);
  });

  it('sizes every layer from as few histories as cover them', async () => {
    const { readers, reads } = fakeEngine(chains, sizes);
    const index = new ImageLayerIndex(readers);
    const ids = Object.keys(chains);
    await index.sync(ids);
    await index.sizeLayers(ids);
    // c covers base's and a's layers (its chain extends theirs); z has a layer of its own
    expect(reads.layers.sort()).toEqual(['c', 'z']);
    expect(index.get('c')!.nodes.map((n) => index.sizeOf(n))).toEqual([100, 10, 1]);
    expect(index.get('z')!.nodes.map((n) => index.sizeOf(n))).toEqual([7, 10]);
    expect(index.stepOf(index.get('a')!.nodes[1]!)).toBe('RUN make x');
    await index.sizeLayers(ids);
    expect(reads.layers).toHaveLength(2);
  });

  it('learns sizes from a history read elsewhere (the detail) without reading again', async () => {
    const { readers, reads } = fakeEngine(chains, sizes);
    const index = new ImageLayerIndex(readers);
    await index.sync(['a']);
    index.learn('a', [100, 10], ['base', 'RUN x']);
    await index.sizeLayers(['a']);
    expect(reads.layers).toEqual([]);
  });

  it('passes other images chains to the history reader, for the exact step mapping', async () => {
    const { readers } = fakeEngine(chains, sizes);
    const seen: Array<number | undefined> = [];
    const index = new ImageLayerIndex({ ...readers, layers: async (id, chain, chainOf) => (seen.push(chainOf('base')?.length), readers.layers(id, chain, chainOf)) });
    await index.sync(['base', 'c']);
    await index.sizeLayers(['c']);
    expect(seen).toEqual([1]);
  });
});
