import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../protocol/containers';
import type { ImageSharing, ImageSummary } from '../protocol/images';
import { applyImageView, countImages, defaultImageView, imageSortKeys, imageUseFilters, type ImageListView } from '../images/image-filter';
import { containerSummary } from '../../test/support/container-summary';
import { listItems, projectSize } from './compose';
import { applyView, countByStatus, defaultView, healthFilters, sortKeys, statusFilters, type ListView } from './container-filter';
import { composeProjects, containerFirstScreen, FIRST_SCREEN_ROWS, imageFirstScreen, sameView } from './first-screen';

const states = ['running', 'exited', 'paused', 'created', 'restarting', 'dead'] as const;
const container = fc.record({
  n: fc.integer({ min: 0, max: 9999 }),
  state: fc.constantFrom(...states),
  project: fc.option(fc.constantFrom('shop', 'blog', 'ci'), { nil: undefined }),
  created: fc.integer({ min: 1, max: 50 }),
  image: fc.constantFrom('busybox', 'nginx', 'redis'),
}).map(
  ({ n, state, project, created, image }): ContainerSummary =>
    containerSummary({
      id: String(n).padStart(64, '0'),
      name: `c${n}`,
      image,
      created,
      state,
      labels: project ? { 'com.docker.compose.project': project } : {},
    }),
);
const containers = fc.uniqueArray(container, { selector: (c) => c.id, maxLength: 150 });
const view = fc.record({
  status: fc.constantFrom(...statusFilters),
  q: fc.constantFrom('', 'c1', 'nginx', 'shop'),
  sort: fc.constantFrom(...sortKeys),
  dir: fc.constantFrom('asc' as const, 'desc' as const),
  latest: fc.boolean(),
  health: fc.constantFrom(...healthFilters),
  project: fc.constantFrom('', 'shop'),
  group: fc.boolean(),
  label: fc.constantFrom('', 'com.docker.compose.project'),
}) satisfies fc.Arbitrary<ListView>;

describe('containerFirstScreen', () => {
  it('is the first items of what the whole list shows, with the whole list’s counts', () => {
    fc.assert(
      fc.property(containers, view, fc.integer({ min: 1, max: 40 }), (all, v, size) => {
        const rows = applyView(all, v);
        const items = listItems(rows, v.group, new Set());
        const first = containerFirstScreen(all, v, size);
        expect(first.view).toEqual(v);
        expect(first.itemCount).toBe(items.length);
        expect(first.rowCount).toBe(rows.length);
        expect(first.total).toBe(all.length);
        expect(first.counts).toEqual(countByStatus(all));
        expect(first.projects).toEqual(composeProjects(all));
        expect(first.items).toHaveLength(Math.min(size, items.length));
        first.items.forEach((it, i) => {
          const whole = items[i]!;
          if (whole.kind === 'project') {
            // Members are left out; the row still says how many there are.
            expect(it).toEqual({ ...whole, containers: [] });
            expect(it.kind === 'project' && projectSize(it.counts)).toBe(whole.containers.length);
          } else expect(it).toEqual(whole);
        });
      }),
    );
  });
  it('carries no more than the first screen of a big list', () => {
    const all = Array.from({ length: 1000 }, (_, i) => ({ ...fc.sample(container, 1)[0]!, id: String(i).padStart(64, '0'), name: `c${i}` }));
    const first = containerFirstScreen(all, defaultView);
    expect(first.items.length).toBe(FIRST_SCREEN_ROWS);
    expect(first.total).toBe(1000);
  });
});

const image = fc.record({ n: fc.integer({ min: 0, max: 9999 }), created: fc.integer({ min: 1, max: 50 }), size: fc.integer({ min: 0, max: 1e6 }), tagged: fc.boolean() }).map(
  ({ n, created, size, tagged }): ImageSummary => ({
    id: `sha256:${String(n).padStart(64, '0')}`,
    repoTags: tagged ? [`img${n}:latest`] : [],
    repoDigests: [],
    parentId: '',
    created,
    size,
    labels: {},
    kind: tagged ? 'tagged' : 'dangling',
    containers: n % 3,
    children: 0,
  }),
);
const imageView = fc.record({
  show: fc.constantFrom('top' as const, 'all' as const),
  use: fc.constantFrom(...imageUseFilters),
  label: fc.constant(''),
  reference: fc.constantFrom('', 'img1*'),
  q: fc.constantFrom('', 'img2'),
  sort: fc.constantFrom(...imageSortKeys),
  dir: fc.constantFrom('asc' as const, 'desc' as const),
}) satisfies fc.Arbitrary<ImageListView>;

describe('imageFirstScreen', () => {
  it('is the first rows of what the whole list shows, with their sizes only', () => {
    fc.assert(
      fc.property(fc.uniqueArray(image, { selector: (i) => i.id, maxLength: 120 }), imageView, fc.boolean(), fc.integer({ min: 1, max: 40 }), (images, v, withSizes, size) => {
        const sharing: Record<string, ImageSharing> | undefined = withSizes ? Object.fromEntries(images.map((i) => [i.id, { id: i.id, uniqueSize: i.size, sharedSize: 0 }])) : undefined;
        const rows = applyImageView(images, v, sharing);
        const first = imageFirstScreen({ images, sharing }, sharing, v, size);
        expect(first.rows).toEqual(rows.slice(0, size));
        expect(first.rowCount).toBe(rows.length);
        expect(first.total).toBe(images.length);
        expect(first.counts).toEqual(countImages(images));
        expect(first.sharing === undefined).toBe(!withSizes);
        if (first.sharing) expect(Object.keys(first.sharing).sort()).toEqual(first.rows.map((r) => r.id).sort());
      }),
    );
  });
});

describe('sameView', () => {
  it('compares every field', () => {
    expect(sameView(defaultView, { ...defaultView })).toBe(true);
    expect(sameView(defaultView, { ...defaultView, q: 'x' })).toBe(false);
    expect(sameView(defaultImageView, { ...defaultImageView, dir: 'asc' })).toBe(false);
  });
});
