import { describe, expect, it } from 'vitest';
import { firstScreenFrom } from './first-screen';
import type { EngineHubs } from './hub/engine-hubs';

/** A hub whose kept container list is `body` (null = nothing kept), its events streaming or not. */
function hubs(state: { body: Buffer | null; streaming: boolean }): EngineHubs {
  const kept = { peekForFirstPaint: () => state.body };
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
});
