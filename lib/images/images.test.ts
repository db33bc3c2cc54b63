import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../protocol/images';
import { commitChangeSchema, containerPathSchema } from '../protocol/images';
import { buildChangeTree, countChanges } from './change-tree';
import { alignLayers, readableStep } from '../protocol/image-history';
import { applyImageView, defaultImageView, globToRegExp, imageViewFromParams, imageViewToParams } from './image-filter';
import { buildLayerGraph, freedByRemoving, type ImageLayersInput } from '../protocol/image-layers';

describe('readableStep', () => {
  it('explains the classic builder #(nop) marker', () => {
    const s = readableStep('/bin/sh -c #(nop)  CMD ["sh"]');
    expect(s).toMatchObject({ instruction: 'CMD', text: 'CMD ["sh"]' });
    expect(s.note).toMatch(/#\(nop\)/);
    expect(readableStep('/bin/sh -c #(nop) COPY file:abc in /x ')).toMatchObject({ instruction: 'COPY', text: 'COPY file:abc in /x' });
  });
  it('turns shell commands into RUN', () => {
    expect(readableStep('/bin/sh -c echo hi > /f')).toEqual({ instruction: 'RUN', text: 'RUN echo hi > /f' });
    expect(readableStep('|2 A=1 B=2 /bin/sh -c echo $A')).toMatchObject({ instruction: 'RUN', text: 'RUN echo $A', note: 'Build arguments in effect: A=1 B=2.' });
  });
  it('reads BuildKit and import lines', () => {
    expect(readableStep('RUN /bin/sh -c make # buildkit')).toMatchObject({ instruction: 'RUN', text: 'RUN /bin/sh -c make' });
    expect(readableStep('ENV A=b')).toEqual({ instruction: 'ENV', text: 'ENV A=b' });
    expect(readableStep('Imported from -').instruction).toBe('IMPORT');
    expect(readableStep('').text).toBe('');
  });
});

describe('alignLayers', () => {
  it('maps non-empty steps to layers and picks 0-byte layers by instruction', () => {
    const history = [
      { size: 100, createdBy: 'Imported from -' },
      { size: 0, createdBy: '/bin/sh -c #(nop)  ENV A=b' },
      { size: 0, createdBy: '/bin/sh -c true' },
      { size: 50, createdBy: '/bin/sh -c #(nop) COPY file:x in / ' },
      { size: 0, createdBy: '/bin/sh -c #(nop)  CMD ["sh"]' },
    ];
    expect(alignLayers(history, 3)).toEqual({ layerOfStep: [0, null, 1, 2, null], stepOfLayer: [0, 2, 3], guessed: [1, 2, 4] });
    expect(alignLayers(history, 2)).toMatchObject({ stepOfLayer: [0, 3], guessed: [] });
  });

  // What a classic build of FROM base / ENV / WORKDIR / RUN true / RUN mkdir / RUN echo / CMD gives on
  // Docker 20.10: 4 layers; `RUN true` changed nothing, so no layer; WORKDIR and mkdir made 0-byte ones.
  const classic = [
    { size: 1980000, createdBy: 'Imported from -', layersThrough: 1 },
    { size: 0, createdBy: '/bin/sh -c #(nop)  ENV A=1', layersThrough: 1 },
    { size: 0, createdBy: '/bin/sh -c #(nop) WORKDIR /app', layersThrough: 2 },
    { size: 0, createdBy: '/bin/sh -c true', layersThrough: 2 },
    { size: 0, createdBy: '/bin/sh -c mkdir /x', layersThrough: 3 },
    { size: 3, createdBy: '/bin/sh -c echo hi > /hi', layersThrough: 4 },
    { size: 0, createdBy: '/bin/sh -c #(nop)  CMD ["sh"]', layersThrough: 4 },
  ];

  it('is exact where history names local images: their layer counts pin each step', () => {
    expect(alignLayers(classic, 4)).toEqual({ layerOfStep: [0, null, 1, null, 2, 3, null], stepOfLayer: [0, 2, 4, 5], guessed: [] });
  });

  it('infers only between pins, and says where', () => {
    // the middle image is gone: between the base (1 layer) and `echo` (4) two of four 0-byte steps made layers
    const partial = classic.map((h, i) => (i >= 1 && i <= 4 ? { ...h, layersThrough: null } : h));
    const a = alignLayers(partial, 4);
    expect(a.guessed).toEqual([1, 2, 3, 4]);
    expect(a.layerOfStep[5]).toBe(3);
    expect(a.layerOfStep[6]).toBeNull();
    // all 0-byte steps between two pins made layers, or none did: exact without pins inside
    expect(alignLayers(classic.map((h, i) => (i === 4 || i === 6 ? { ...h, layersThrough: null } : h)), 4)).toMatchObject({ stepOfLayer: [0, 2, 4, 5], guessed: [] });
  });

  it('ignores pins that contradict the layer count', () => {
    const bad = classic.map((h, i) => (i === 4 ? { ...h, layersThrough: 9 } : h));
    expect(alignLayers(bad, 4).stepOfLayer).toHaveLength(4);
  });

  it('matches the truth wherever it does not say it guessed, and everywhere when every step is pinned', () => {
    const step = fc.record({ made: fc.boolean(), size: fc.nat(1000), createdBy: fc.constantFrom('/bin/sh -c true', '/bin/sh -c #(nop)  ENV A=1', '/bin/sh -c #(nop) WORKDIR /w', 'COPY a /b # buildkit') });
    fc.assert(
      fc.property(fc.array(fc.record({ step, pinned: fc.boolean() }), { maxLength: 14 }), fc.boolean(), (rows, allPinned) => {
        // ground truth: a step with bytes made a layer; a 0-byte step may or may not have
        let layers = 0;
        const truth: boolean[] = [];
        const hist = rows.map(({ step: st, pinned }) => {
          const made = st.made || st.size > 0;
          const size = made ? st.size : 0;
          truth.push(made);
          if (made) layers++;
          return { size, createdBy: st.createdBy, layersThrough: allPinned || pinned ? layers : null };
        });
        const a = alignLayers(hist, layers);
        const guessed = new Set(a.guessed);
        if (allPinned) expect(a.guessed).toEqual([]);
        truth.forEach((made, i) => guessed.has(i) || expect(a.layerOfStep[i] !== null).toBe(made));
        expect(a.layerOfStep.filter((l) => l !== null)).toEqual(Array.from({ length: layers }, (_, i) => i));
        expect(a.stepOfLayer.every((s) => s !== null)).toBe(true);
      }),
    );
  });
});

const img = (id: string, diffIds: string[], sizes: number[], extra: Partial<ImageLayersInput> = {}): ImageLayersInput => ({
  id,
  parentId: '',
  repoTags: [`${id}:latest`],
  kind: 'tagged',
  size: sizes.reduce((a, b) => a + b, 0),
  containers: 0,
  diffIds,
  layerSizes: sizes,
  ...extra,
});

describe('buildLayerGraph', () => {
  it('shares a layer only when the whole chain below it is equal', () => {
    const g = buildLayerGraph([img('a', ['x', 'y'], [10, 5]), img('b', ['x', 'z'], [10, 7]), img('c', ['q', 'y'], [3, 5])]);
    expect(g.layers).toHaveLength(5);
    const x = g.layers.find((l) => l.diffId === 'x')!;
    expect(x.images).toEqual(['a', 'b']);
    // 'y' on top of 'x' and 'y' on top of 'q' are different layers
    expect(g.layers.filter((l) => l.diffId === 'y')).toHaveLength(2);
    const a = g.images.find((i) => i.id === 'a')!;
    expect([a.uniqueSize, a.sharedSize]).toEqual([5, 10]);
    const c = g.images.find((i) => i.id === 'c')!;
    expect([c.uniqueSize, c.sharedSize]).toEqual([8, 0]);
    expect(freedByRemoving(g, new Set(['a', 'b']))).toEqual({ layers: expect.arrayContaining([0, 1, 2]), bytes: 22 });
  });

  it('counts untagged parents that go with the image as freed, and nothing for an image with children', () => {
    const parent = img('p', ['x'], [10], { repoTags: [], kind: 'intermediate' });
    const child = img('c', ['x', 'y'], [10, 5], { parentId: 'p' });
    const g = buildLayerGraph([parent, child]);
    expect(g.images.find((i) => i.id === 'c')).toMatchObject({ uniqueSize: 15, sharedSize: 0 });
    expect(g.images.find((i) => i.id === 'p')).toMatchObject({ uniqueSize: 0, sharedSize: 10 });
    // a tagged parent stays: only the child's own layer goes
    const g2 = buildLayerGraph([{ ...parent, repoTags: ['p:1'], kind: 'tagged' }, child]);
    expect(g2.images.find((i) => i.id === 'c')).toMatchObject({ uniqueSize: 5, sharedSize: 10 });
  });
});

const row = (id: string, tags: string[], extra: Partial<ImageSummary> = {}): ImageSummary => ({
  id: `sha256:${id.padEnd(64, '0')}`,
  repoTags: tags,
  repoDigests: [],
  parentId: '',
  created: 0,
  size: 0,
  labels: {},
  kind: tags.length ? 'tagged' : 'dangling',
  containers: 0,
  children: 0,
  ...extra,
});

describe('applyImageView', () => {
  const rows = [
    row('aa', ['busybox:latest', 'busybox:1'], { created: 3, size: 10, containers: 2, labels: { team: 'x' } }),
    row('bb', ['team/app:2'], { created: 2, size: 30 }),
    row('cc', [], { created: 1, size: 5 }),
    row('dd', [], { created: 4, size: 1, kind: 'intermediate', children: 1 }),
  ];
  const ids = (v: Partial<typeof defaultImageView>) => applyImageView(rows, { ...defaultImageView, ...v }).map((r) => r.id.slice(7, 9));
  it('hides intermediates unless all', () => {
    expect(ids({})).toEqual(['aa', 'bb', 'cc']);
    expect(ids({ show: 'all' })).toEqual(['dd', 'aa', 'bb', 'cc']);
  });
  it('filters by use, label, reference glob and search', () => {
    expect(ids({ use: 'dangling' })).toEqual(['cc']);
    expect(ids({ use: 'in-use' })).toEqual(['aa']);
    expect(ids({ use: 'unused' })).toEqual(['bb', 'cc']);
    expect(ids({ label: 'team' })).toEqual(['aa']);
    expect(ids({ label: 'team=y' })).toEqual([]);
    expect(ids({ reference: 'busy*' })).toEqual(['aa']);
    expect(ids({ reference: '*' })).toEqual(['aa']);
    expect(ids({ reference: '*/*' })).toEqual(['bb']);
    expect(ids({ q: 'APP' })).toEqual(['bb']);
    expect(ids({ q: 'sha256:cc' })).toEqual(['cc']);
  });
  it('sorts by columns', () => {
    expect(ids({ sort: 'size', dir: 'asc' })).toEqual(['cc', 'aa', 'bb']);
    expect(ids({ sort: 'tags', dir: 'asc' })).toEqual(['cc', 'aa', 'bb']);
    expect(ids({ sort: 'containers' })).toEqual(['aa', 'cc', 'bb']);
  });
  it('round-trips the URL and ignores junk', () => {
    const v = { ...defaultImageView, show: 'all', use: 'dangling', q: 'x', sort: 'size', dir: 'asc' } as const;
    expect(imageViewFromParams(imageViewToParams(v))).toEqual(v);
    expect(imageViewFromParams(new URLSearchParams('show=evil&sort=<x>'))).toEqual(defaultImageView);
  });
  it('globs stop at "/"', () => {
    expect(globToRegExp('a*').test('a/b')).toBe(false);
    expect(globToRegExp('a.b?').test('a.bc')).toBe(true);
    expect(globToRegExp('a.b').test('axb')).toBe(false);
  });
});

describe('buildChangeTree', () => {
  it('nests paths and counts per subtree', () => {
    const t = buildChangeTree([
      { path: '/etc', kind: 'C' },
      { path: '/etc/hosts', kind: 'C' },
      { path: '/etc/new.conf', kind: 'A' },
      { path: '/tmp/x/y', kind: 'A' },
      { path: '/bin/rm', kind: 'D' },
    ]);
    expect(t.counts).toEqual({ A: 2, C: 2, D: 1 });
    expect(t.children.map((c) => c.name)).toEqual(['bin', 'etc', 'tmp']);
    const etc = t.children[1]!;
    expect(etc).toMatchObject({ kind: 'C', counts: { A: 1, C: 2, D: 0 } });
    const tmp = t.children[2]!;
    expect(tmp.kind).toBeUndefined();
    expect(tmp.children[0]!.children[0]).toMatchObject({ path: '/tmp/x/y', kind: 'A' });
    expect(countChanges([{ path: '/a', kind: 'A' }])).toEqual({ A: 1, C: 0, D: 0 });
  });
});

describe('commit changes and container paths', () => {
  it.each(['CMD ["sh"]', 'cmd sh -c x', 'ENV A=b', 'EXPOSE 80/tcp 9000-9001/udp', 'LABEL a=b', 'WORKDIR /app', 'ONBUILD RUN x', 'VOLUME ["/data"]', 'USER 1000:1000'])(
    'accepts %j',
    (s) => expect(commitChangeSchema.safeParse(s).success).toBe(true),
  );
  it.each(['RUN rm -rf /', 'FROM x', 'CMD', 'EXPOSE eighty', 'ENV', 'CMD ["sh", 1]', 'CMD [sh', 'ONBUILD FROM x', 'ENV A=b\nRUN x'])('refuses %j', (s) =>
    expect(commitChangeSchema.safeParse(s).success).toBe(false),
  );
  it('paths are absolute and clean', () => {
    for (const ok of ['/', '/etc/hosts', '/a b/c']) expect(containerPathSchema.safeParse(ok).success).toBe(true);
    for (const bad of ['', 'etc', '/etc/../root', '/./x', '/a\0b']) expect(containerPathSchema.safeParse(bad).success).toBe(false);
  });
});

describe('layoutLayerMap', () => {
  it('stands each layer on its parent, sized by the bytes built on it, with containers on top', async () => {
    const { layoutLayerMap } = await import('./layer-map');
    const g = buildLayerGraph([img('a', ['x', 'y'], [100, 50]), img('b', ['x', 'z'], [100, 50]), img('c', ['q'], [200])]);
    const graph = { ...g, containers: [{ id: 'k', name: 'k', imageId: 'a', state: 'running', sizeRw: 0 }] };
    const m = layoutLayerMap(graph);
    const byDiff = (d: string) => m.boxes.find((b) => b.kind === 'layer' && g.layers[b.ref]!.diffId === d)!;
    expect(m.rows).toBe(3);
    expect(byDiff('x').depth).toBe(0);
    expect(byDiff('y').depth).toBe(1);
    // children sit within their parent's span
    for (const d of ['y', 'z']) {
      expect(byDiff(d).x).toBeGreaterThanOrEqual(byDiff('x').x);
      expect(byDiff(d).x + byDiff(d).w).toBeLessThanOrEqual(byDiff('x').x + byDiff('x').w + 1e-9);
    }
    expect(byDiff('y').tops).toEqual(['a']);
    const k = m.boxes.find((b) => b.kind === 'container')!;
    expect(k.depth).toBe(2);
    // the roots fill the width
    const roots = m.boxes.filter((b) => b.depth === 0);
    expect(roots.reduce((s, b) => s + b.w, 0)).toBeCloseTo(1);
    // hiding an image drops its own layers
    expect(layoutLayerMap(graph, { hideImages: new Set(['c']) }).boxes.some((b) => b.kind === 'layer' && g.layers[b.ref]!.diffId === 'q')).toBe(false);
  });
});
