import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { apiPathForEngine, currentEngine, engineFromSearch, hrefForEngine, setCurrentEngine, switchHref } from './engine-scope';

afterEach(() => setCurrentEngine('default'));

describe('engineFromSearch', () => {
  it('reads engine from a search string or params, absent or empty as none', () => {
    expect(engineFromSearch('?engine=build-box')).toBe('build-box');
    expect(engineFromSearch('status=running&engine=b')).toBe('b');
    expect(engineFromSearch(new URLSearchParams('engine=a'))).toBe('a');
    expect(engineFromSearch('?status=running')).toBeUndefined();
    expect(engineFromSearch('?engine=')).toBeUndefined();
  });
});

describe('hrefForEngine', () => {
  it('adds the engine, keeping other parameters and the hash', () => {
    expect(hrefForEngine('/containers', 'b')).toBe('/containers?engine=b');
    expect(hrefForEngine('/containers?status=running#top', 'b')).toBe('/containers?status=running&engine=b#top');
    expect(hrefForEngine('/containers/web/logs?engine=a', 'b')).toBe('/containers/web/logs?engine=b');
  });
  it('drops the parameter for the default engine unless asked to keep it', () => {
    expect(hrefForEngine('/containers?engine=b&q=x', 'default')).toBe('/containers?q=x');
    expect(hrefForEngine('/containers', 'default', true)).toBe('/containers?engine=default');
  });
  it('uses the current engine when none is given, and leaves outside links alone', () => {
    setCurrentEngine('b');
    expect(currentEngine()).toBe('b');
    expect(hrefForEngine('/stats')).toBe('/stats?engine=b');
    expect(hrefForEngine('https://example.com/x')).toBe('https://example.com/x');
    expect(hrefForEngine('//example.com/x')).toBe('//example.com/x');
  });
  it('round-trips: the engine read back from any href is the one written', () => {
    const name = fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9_.+-]{0,20}$/);
    const query = fc.array(fc.tuple(fc.constantFrom('q', 'status', 'engine', 'sort'), fc.string({ maxLength: 8 })), { maxLength: 4 });
    fc.assert(
      fc.property(name, query, fc.constantFrom('', '#x'), (engine, pairs, hash) => {
        const href = `/containers?${new URLSearchParams(pairs).toString()}${hash}`;
        const out = hrefForEngine(href, engine);
        const search = out.split('#')[0]!.split('?')[1] ?? '';
        expect(engineFromSearch(search) ?? 'default').toBe(engine);
        expect(out.endsWith(hash)).toBe(true);
        for (const [k, v] of pairs) if (k !== 'engine') expect(new URLSearchParams(search).getAll(k)).toContain(v);
      }),
    );
  });
});

describe('apiPathForEngine', () => {
  it('adds the engine to API paths, not for the default engine, never over an explicit one', () => {
    expect(apiPathForEngine('/api/containers?all=1', 'b')).toBe('/api/containers?all=1&engine=b');
    expect(apiPathForEngine('/api/containers', 'default')).toBe('/api/containers');
    expect(apiPathForEngine('/api/containers?engine=a', 'b')).toBe('/api/containers?engine=a');
    setCurrentEngine('c');
    expect(apiPathForEngine('/api/engine')).toBe('/api/engine?engine=c');
  });
});

describe('switchHref', () => {
  it('keeps a list page and its filters, and takes a detail page to its section', () => {
    expect(switchHref('/containers', '?status=running&engine=a', 'b')).toBe('/containers?status=running&engine=b');
    expect(switchHref('/containers/web/logs', '?engine=a', 'b')).toBe('/containers?engine=b');
    expect(switchHref('/stats', '', 'default')).toBe('/stats?engine=default');
    expect(switchHref('/', '', 'b')).toBe('/?engine=b');
  });
});
