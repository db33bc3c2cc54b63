import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../protocol/events';
import { appendBounded, baseAction, eventObjectHref, matchesEvent } from './engine-events';

const ev = (over: Partial<EngineEvent>): EngineEvent => ({ type: 'container', action: 'start', id: 'abc', timeNano: 1, attributes: {}, ...over });

describe('engine events feed', () => {
  it('keeps the newest events and never more than the bound', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 50 }), fc.array(fc.integer(), { maxLength: 50 }), fc.integer({ min: 1, max: 40 }), (kept, incoming, max) => {
        const out = appendBounded(kept.slice(-max), incoming, max);
        const all = [...kept.slice(-max), ...incoming];
        expect(out).toEqual(all.slice(Math.max(0, all.length - max)));
      }),
    );
  });

  it('filters by type, base action and text', () => {
    const e = ev({ action: 'exec_start: sh -c ls', name: 'web' });
    expect(baseAction(e.action)).toBe('exec_start');
    expect(matchesEvent(e, { type: 'container', action: 'exec_start', q: 'we' })).toBe(true);
    expect(matchesEvent(e, { type: 'image', action: '', q: '' })).toBe(false);
    expect(matchesEvent(e, { type: '', action: 'start', q: '' })).toBe(false);
  });

  it('links containers that still exist, and images by id', () => {
    const id = 'a'.repeat(64);
    expect(eventObjectHref(ev({}), 'b')).toBe('/containers/abc?engine=b');
    expect(eventObjectHref(ev({ action: 'destroy' }), null)).toBeNull();
    expect(eventObjectHref(ev({ type: 'image', action: 'pull', id: 'busybox:latest' }), null)).toBeNull();
    expect(eventObjectHref(ev({ type: 'image', action: 'tag', id: `sha256:${id}` }), null)).toBe(`/images/${id}`);
    expect(eventObjectHref(ev({ type: 'image', action: 'delete', id: `sha256:${id}` }), null)).toBeNull();
  });
});
