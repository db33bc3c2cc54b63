import { describe, expect, it } from 'vitest';
import { CHUNKS_MAX_WAIT_MS, chunkLoaderScript, loadChunksAfterPaintInHead } from './chunks-after-paint';

import { A, B, HEAD, tag } from '../../test/support/next-page';

describe('loadChunksAfterPaintInHead', () => {
  it("takes out Next's async chunk scripts and adds the loader, with their nonce, at the head's end", () => {
    const out = loadChunksAfterPaintInHead(HEAD)!;
    expect(out).not.toContain(tag(A));
    expect(out).not.toContain(tag(B));
    expect(out).toContain(`<script nonce="n0nce==">${chunkLoaderScript([A, B])}</script></head>`);
    // The rest of the head is as it was: the preload, the title, the inline theme script, the legacy-browser script.
    expect(out.replace(/<script nonce="n0nce==">\(function\(\)\{var s=.*?<\/script><\/head>$/, '</head>')).toBe(HEAD.replace(tag(A) + tag(B), ''));
  });

  it('leaves a head without chunk scripts, or without its end, alone', () => {
    expect(loadChunksAfterPaintInHead('<head><title>x</title></head>')).toBeNull();
    expect(loadChunksAfterPaintInHead(`<head>${tag(A)}`)).toBeNull();
  });
});

/** Runs the loader against a fake page whose paint, visibility and timers the test drives. */
function page({ visibility = 'visible', paintedAlready = false, paintTiming = true }: { visibility?: string; paintedAlready?: boolean; paintTiming?: boolean } = {}) {
  const added: Array<{ src: string; async: boolean }> = [];
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const observers: Array<(list: { getEntriesByName: (n: string) => unknown[] }, o: { disconnect: () => void }) => void> = [];
  const listeners: Array<() => void> = [];
  let painted = paintedAlready;
  const entries = (n: string) => (painted && n === 'first-contentful-paint' ? [{}] : []);
  const document = {
    visibilityState: visibility,
    addEventListener: (_: string, fn: () => void) => listeners.push(fn),
    createElement: () => ({ src: '', async: false }),
    head: { appendChild: (e: { src: string; async: boolean }) => added.push(e) },
  };
  const PerformanceObserver = paintTiming
    ? class {
        constructor(private cb: (typeof observers)[number]) {}
        observe() {
          observers.push(this.cb);
        }
      }
    : undefined;
  new Function('document', 'performance', 'PerformanceObserver', 'setTimeout', chunkLoaderScript([A, B]))(document, { getEntriesByName: entries }, PerformanceObserver, (fn: () => void, ms: number) =>
    timers.push({ fn, ms }),
  );
  return {
    added,
    paint: () => {
      painted = true;
      for (const cb of observers.splice(0)) cb({ getEntriesByName: entries }, { disconnect: () => {} });
    },
    timersDue: (upTo: number) => timers.splice(0).forEach((t) => (t.ms <= upTo ? t.fn() : timers.push(t))),
    hide: () => listeners.forEach((fn) => fn()),
  };
}

describe('chunkLoaderScript', () => {
  it('appends the chunks, async and in order, in a task after the first contentful paint, once', () => {
    const p = page();
    p.timersDue(0);
    expect(p.added).toEqual([]);
    p.paint();
    expect(p.added).toEqual([]);
    p.timersDue(0);
    expect(p.added).toEqual([
      { src: A, async: true },
      { src: B, async: true },
    ]);
    p.hide();
    p.timersDue(CHUNKS_MAX_WAIT_MS);
    expect(p.added).toHaveLength(2);
  });

  it('appends them at once when the page was already painted, the tab is hidden, or there is no paint timing', () => {
    for (const opts of [{ paintedAlready: true }, { visibility: 'hidden' }, { paintTiming: false }]) expect(page(opts).added).toHaveLength(2);
  });

  it('appends them when the tab is hidden meanwhile, and after CHUNKS_MAX_WAIT_MS without a paint', () => {
    const hidden = page();
    hidden.hide();
    hidden.timersDue(0);
    expect(hidden.added).toHaveLength(2);
    const never = page();
    never.timersDue(CHUNKS_MAX_WAIT_MS - 1);
    expect(never.added).toEqual([]);
    never.timersDue(CHUNKS_MAX_WAIT_MS);
    expect(never.added).toHaveLength(2);
  });
});
