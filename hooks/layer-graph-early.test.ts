import { afterEach, describe, expect, it, vi } from 'vitest';
import { earlyLayerGraphUrl } from '@/lib/images/layer-map';

/** A browser tab at `href` whose document was loaded as `loadedAs`; fetch records what it is asked. */
function tab(href: string, loadedAs = href) {
  const asked: string[] = [];
  const url = new URL(href);
  vi.stubGlobal('window', { location: { href: url.href, pathname: url.pathname, search: url.search } });
  vi.stubGlobal('performance', { now: () => Date.now(), getEntriesByType: () => [{ name: new URL(loadedAs).href }] });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string) => {
      asked.push(path);
      return new Response(JSON.stringify({ layers: [], images: [], containers: [], path }), { status: 200 });
    }),
  );
  return asked;
}

/** The hooks module as a page loads it (its own engine scope, which the provider sets once rendered). */
async function fresh() {
  vi.resetModules();
  const scope = await import('@/lib/engine-scope');
  scope.setCurrentEngine('default');
  return { ...(await import('./use-images')), setCurrentEngine: scope.setCurrentEngine };
}

describe('the layer graph read early on a direct load of the map', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('starts on a direct load and is taken once, by the first read without sizes', async () => {
    const asked = tab('http://127.0.0.1:3000/images/map');
    const m = await fresh();
    m.readLayerGraphEarly('/images/map');
    expect(asked).toEqual(['/api/images/layers?sizes=0']);
    expect(earlyLayerGraphUrl('default')).toBe('/api/images/layers?sizes=0'); // what the page preloads
    expect(m.takeEarlyGraph(true)).toBeNull(); // a read with sizes is another question
    const early = m.takeEarlyGraph(false);
    expect(early).not.toBeNull();
    await expect(early).resolves.toMatchObject({ path: '/api/images/layers?sizes=0' });
    expect(m.takeEarlyGraph(false)).toBeNull();
  });

  it('asks the engine the URL names', async () => {
    const asked = tab('http://127.0.0.1:3000/images/map?engine=remote');
    const m = await fresh();
    m.readLayerGraphEarly('/images/map');
    expect(asked).toEqual(['/api/images/layers?sizes=0&engine=remote']);
    expect(earlyLayerGraphUrl('remote')).toBe('/api/images/layers?sizes=0&engine=remote');
    m.setCurrentEngine('remote');
    expect(m.takeEarlyGraph(false)).not.toBeNull();
  });

  it('is not used by a read on another engine', async () => {
    tab('http://127.0.0.1:3000/images/map?engine=remote');
    const m = await fresh();
    m.readLayerGraphEarly('/images/map');
    m.setCurrentEngine('default');
    expect(m.takeEarlyGraph(false)).toBeNull();
  });

  it('does not start on another page, or after a client-side navigation', async () => {
    const asked = tab('http://127.0.0.1:3000/images');
    let m = await fresh();
    m.readLayerGraphEarly('/images/map');
    expect(asked).toEqual([]);
    const asked2 = tab('http://127.0.0.1:3000/images/map', 'http://127.0.0.1:3000/volumes');
    m = await fresh();
    m.readLayerGraphEarly('/images/map');
    expect(asked2).toEqual([]);
    expect(m.takeEarlyGraph(false)).toBeNull();
  });

  it('answers null when the early read fails (the query then asks the usual way)', async () => {
    tab('http://127.0.0.1:3000/images/map');
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 503 })));
    const m = await fresh();
    m.readLayerGraphEarly('/images/map');
    await expect(m.takeEarlyGraph(false)).resolves.toBeNull();
  });

  it('is not used once it is no longer fresh', async () => {
    vi.useFakeTimers();
    tab('http://127.0.0.1:3000/images/map');
    const m = await fresh();
    m.readLayerGraphEarly('/images/map');
    vi.advanceTimersByTime(6_000);
    expect(m.takeEarlyGraph(false)).toBeNull();
  });
});
