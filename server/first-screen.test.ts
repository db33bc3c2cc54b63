import { describe, expect, it } from 'vitest';
import { firstScreenFrom } from './first-screen';
import type { EngineHubs } from './hub/engine-hubs';
import { KeptList } from './hub/kept-list';

/** A hub whose kept container list is `body` (null = nothing kept), its events streaming or not. */
function hubs(state: { body: Buffer | null; streaming: boolean }): EngineHubs {
  const kept = { peekForFirstPaint: () => state.body && { body: state.body, ageMs: 0 } };
  return { peek: () => ({ events: { streaming: state.streaming }, list: kept, images: { list: () => kept } }) } as unknown as EngineHubs;
}

describe('firstScreenFrom', () => {
  it('hands over the kept list parsed, parsing each kept body once', async () => {
    const state = { body: Buffer.from('[{"id":"a"}]') as Buffer | null, streaming: true };
    const screen = firstScreenFrom(hubs(state));
    const first = await screen.list('containers', undefined);
    expect(first).toEqual([{ id: 'a' }]);
    expect(await screen.list('containers', undefined)).toBe(first);
    state.body = Buffer.from('[{"id":"b"}]');
    expect(await screen.list('containers', undefined)).toEqual([{ id: 'b' }]);
  });
  it('has nothing while the event stream is down or nothing is kept', async () => {
    expect(await firstScreenFrom(hubs({ body: Buffer.from('[]'), streaming: false })).list('images', undefined)).toBeNull();
    expect(await firstScreenFrom(hubs({ body: null, streaming: true })).list('images', undefined)).toBeNull();
  });
  it('serves a kept container list at any age, without its status words past a minute; a kept image list at any age', async () => {
    let now = 0;
    const kept = (body: string) => new KeptList({ fetch: async () => Buffer.from(body), live: () => true, maxAgeMs: 1000, now: () => now });
    const containers = kept('[{"id":"c","state":"running","status":"Up 3 seconds"}]');
    const images = kept('{"images":[{"id":"i"}]}');
    await containers.get();
    await images.get();
    const screen = firstScreenFrom({ peek: () => ({ events: { streaming: true }, list: containers, images: { list: () => images } }) } as unknown as EngineHubs);
    now = 59_000;
    expect(await screen.list('containers', undefined)).toEqual([{ id: 'c', state: 'running', status: 'Up 3 seconds' }]);
    now = 61_000;
    const aged = await screen.list('containers', undefined);
    expect(aged).toEqual([{ id: 'c', state: 'running', status: '' }]);
    expect(await screen.list('containers', undefined)).toBe(aged);
    now = 24 * 3600_000;
    expect(await screen.list('images', undefined)).toEqual({ images: [{ id: 'i' }] });
    expect(await screen.list('images-sharing', undefined)).toEqual({ images: [{ id: 'i' }] });
    images.invalidate();
    containers.invalidate();
    expect(await screen.list('images', undefined)).toBeNull();
    expect(await screen.list('containers', undefined)).toBeNull();
  });
});
