import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../lib/protocol/events';
import type { ImageList } from '../../lib/protocol/images';
import { ImageListCache, imageListChangedBy } from './image-list-cache';

const event = (type: string, action: string): EngineEvent => ({ type, action, id: 'x', timeNano: 1, attributes: {} });

function harness() {
  const calls: boolean[] = [];
  let live = true;
  const cache = new ImageListCache({
    list: async (sharing) => {
      calls.push(sharing);
      const list: ImageList = { images: [] };
      if (sharing) list.sharing = { [`read-${calls.length}`]: { id: 'i', uniqueSize: 1, sharedSize: 2 } };
      return list;
    },
    live: () => live,
  });
  return { cache, calls, setLive: (v: boolean) => (live = v) };
}

describe('imageListChangedBy', () => {
  it('counts every image change and the container events that change "used by" or make an image', () => {
    for (const a of ['pull', 'tag', 'untag', 'delete', 'import', 'load', 'prune', 'create']) expect(imageListChangedBy(event('image', a)), a).toBe(true);
    for (const a of ['create', 'destroy', 'commit']) expect(imageListChangedBy(event('container', a)), a).toBe(true);
  });

  it('ignores what reads an image or only changes a container', () => {
    for (const a of ['push', 'save']) expect(imageListChangedBy(event('image', a)), a).toBe(false);
    for (const a of ['start', 'die', 'stop', 'rename', 'exec_start', 'health_status: healthy']) expect(imageListChangedBy(event('container', a)), a).toBe(false);
    expect(imageListChangedBy(event('network', 'connect'))).toBe(false);
    expect(imageListChangedBy(event('volume', 'create'))).toBe(false);
  });
});

describe('ImageListCache', () => {
  it('keeps the plain list and the list with sizes apart, one engine read each', async () => {
    const h = harness();
    await h.cache.list(false).get();
    await h.cache.list(false).get();
    const withSizes = JSON.parse((await h.cache.list(true).get()).toString()) as ImageList;
    await h.cache.list(true).get();
    expect(h.calls).toEqual([false, true]);
    expect(withSizes.sharing).toBeDefined();
    expect(h.cache.list(false).peek()).not.toBeNull();
    expect(h.cache.list(true).peek()).not.toBeNull();
  });

  it('drops both on an event that changes images, and neither on one that does not', async () => {
    const h = harness();
    await Promise.all([h.cache.list(false).get(), h.cache.list(true).get()]);
    h.cache.onEngineEvent(event('container', 'start'));
    expect(h.cache.list(false).peek()).not.toBeNull();
    expect(h.cache.list(true).peek()).not.toBeNull();
    h.cache.onEngineEvent(event('container', 'destroy'));
    expect(h.cache.list(false).peek()).toBeNull();
    expect(h.cache.list(true).peek()).toBeNull();
    await h.cache.list(true).get();
    expect(h.calls).toEqual([false, true, true]);
  });

  it('serves nothing kept while the event stream is down', async () => {
    const h = harness();
    await h.cache.list(false).get();
    h.setLive(false);
    expect(h.cache.list(false).peek()).toBeNull();
    await h.cache.list(false).get();
    expect(h.calls).toEqual([false, false]);
  });

  it('a read that began before an event is not shared with one after it', async () => {
    const h = harness();
    const before = h.cache.list(false).get();
    h.cache.onEngineEvent(event('image', 'tag'));
    const after = h.cache.list(false).get();
    await Promise.all([before, after]);
    expect(h.calls).toEqual([false, false]);
    // and only the later read is kept
    expect(h.cache.list(false).peek()).not.toBeNull();
  });
});
