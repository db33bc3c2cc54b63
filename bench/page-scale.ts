import type { Page } from 'playwright-core';
import { longTasks, signedInContext } from './lib/browser';
import { importBenchImages, removeBenchImages } from './image-list';
import { keepAlive, timedGet } from './lib/http';
import type { BenchContext } from './lib/context';
import { check, fmtMs, fmtNum, type FigureResult, type ResultRow } from './lib/report';
import { ratio, summarize } from './lib/stats';

/** Scrolling must not block the main thread longer than this (the figure 2). */
const SCROLL_TASK_LIMIT_MS = 100;
/** List page ready (rows on screen) ≤ this × one raw engine list call (issue 18, "the first screen"). */
export const PAGE_READY_TARGET = 3;

/** Logged by the page (READY_INIT) once both marks and the first contentful paint are in. */
const MARKS_TAKEN = 'dockside-bench:list-marks-taken';

/**
 * Marks two moments in ms since navigation start (performance.now()):
 * - `window.__listReadyAt`: the list has rows and a search box in the shown document (a
 *   MutationObserver, so as soon as the HTML parser or React puts them there). Rows inside a
 *   `hidden` element do not count: React streams a large Suspense boundary's HTML into a hidden div
 *   and moves it into place on a later frame, and until then nobody sees them (this mark once
 *   counted them, ~0.1–0.4 s early). The pages are server-rendered with the server's kept list, so
 *   this is the HTML arriving, not the app fetching after hydration. Nothing is on screen before the
 *   page's first paint, so the figure takes the later of this and first-contentful-paint (loadList).
 * - `window.__listInteractiveAt`: React has hydrated the search box (its props are attached to the
 *   element), so typing, sorting and clicking work. Checked every few ms until it is true: while
 *   hydration runs the main thread is busy, so the first check after it is when a person could act.
 * Then, once the first contentful paint is in too, it logs MARKS_TAKEN (the bench waits for that).
 * `__ROWS__` is replaced by the rows container's selector.
 */
const READY_INIT = `
  (() => {
    const rows = '__ROWS__ [role=row]';
    const ready = () => {
      if (window.__listReadyAt) return true;
      const search = document.querySelector('input[type=search]');
      const shown = (el) => el && !el.closest('[hidden]');
      if ([...document.querySelectorAll(rows)].some(shown) && shown(search) && !search.disabled) {
        window.__listReadyAt = performance.now();
        return true;
      }
      return false;
    };
    const mo = new MutationObserver(() => ready() && mo.disconnect());
    mo.observe(document, { subtree: true, childList: true, attributes: true });
    const hydrated = () => {
      const search = document.querySelector('input[type=search]');
      if (window.__listReadyAt && search && Object.keys(search).some((k) => k.startsWith('__reactProps'))) {
        window.__listInteractiveAt = performance.now();
        painted();
        return;
      }
      setTimeout(hydrated, 4);
    };
    const painted = () => {
      if (performance.getEntriesByName('first-contentful-paint').length) console.debug('${MARKS_TAKEN}');
      else setTimeout(painted, 20);
    };
    setTimeout(hydrated, 4);
  })();
`;

/** Where a load's time went, ms since navigation start (the navigation entry and paint timing). */
type Phases = { firstByte: number; htmlEnd: number; rowsInDom: number; fcp: number; domInteractive: number };
type Marks = { readyAt: number; interactiveAt: number; phases: Phases };

/** Rows on screen: in the shown document and painted (not before the page's first contentful paint). */
async function loadList(page: Page, url: string): Promise<Marks> {
  // The marks are taken inside the page (READY_INIT), which says when it has them with a console
  // message, so the bench runs nothing in the page while it loads. Polling from Playwright
  // (waitForFunction) compiles and runs its injected script in the page: from the commit on it was
  // 30-90 ms of the main thread before the first paint (a trace of figure 2), and the load event is
  // no later point, as the app's scripts start only after the first paint
  // (server/http/chunks-after-paint.ts). A person's browser does neither.
  const taken = page.waitForEvent('console', { predicate: (m) => m.text() === MARKS_TAKEN, timeout: 60_000 });
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  await taken;
  return page.evaluate(() => {
    const w = window as unknown as { __listReadyAt: number; __listInteractiveAt: number };
    const painted = performance.getEntriesByName('first-contentful-paint')[0]!.startTime;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const phases = { firstByte: nav.responseStart, htmlEnd: nav.responseEnd, rowsInDom: w.__listReadyAt, fcp: painted, domInteractive: nav.domInteractive };
    return { readyAt: Math.max(w.__listReadyAt, painted), interactiveAt: w.__listInteractiveAt, phases };
  });
}

/**
 * Loads a list page `runs` times after one warm-up (which warms the server's route modules and is not
 * counted) and compares "rows on screen" and "interactive" with one raw engine list call.
 */
async function pageLoadRows(
  ctx: BenchContext,
  opts: { path: string; rowsSelector: string; what: string; count: number; rawMs: number; rawWhat: string },
): Promise<{ rows: ResultRow[]; note: string }> {
  // 15: a 7-load median moved by 50 ms between two runs of the same build on this machine.
  const runs = ctx.pick(15, 3);
  const context = await signedInContext(await ctx.browser(), ctx.server, undefined, { waitForApp: false });
  await context.addInitScript(READY_INIT.replace('__ROWS__', opts.rowsSelector));
  try {
    const ready: number[] = [];
    const interactive: number[] = [];
    const loadTasks: number[] = [];
    const phases: Phases[] = [];
    for (let i = 0; i <= runs; i++) {
      const page = await context.newPage();
      const marks = await loadList(page, `${ctx.server.url}${opts.path}`);
      if (i > 0) {
        ready.push(marks.readyAt);
        interactive.push(marks.interactiveAt);
        loadTasks.push((await longTasks(page)).longestMs);
        phases.push(marks.phases);
      }
      await page.close();
    }
    const r = summarize(ready);
    const it = summarize(interactive);
    const qr = ratio(r.p50, opts.rawMs);
    const qi = ratio(it.p50, opts.rawMs);
    return {
      rows: [
        {
          metric: `${opts.what} ready (rows on screen) p50 @ ${opts.count}`,
          dockside: fmtMs(r.p50),
          baseline: `${fmtMs(opts.rawMs)} (${opts.rawWhat}, p50)`,
          ratio: qr,
          check: check(qr, '<=', PAGE_READY_TARGET),
        },
        { metric: `${opts.what} interactive (hydrated) p50 @ ${opts.count}`, dockside: fmtMs(it.p50), baseline: fmtMs(opts.rawMs), ratio: qi },
      ],
      note:
        `${opts.what}: navigation start → rows and search box on screen (shown, not in a hidden element, and painted: the later of a MutationObserver and first-contentful-paint), and → search box hydrated by React, ${runs} loads after one warm-up: ` +
        `rows p50 ${fmtMs(r.p50)}, p95 ${fmtMs(r.p95)}, max ${fmtMs(r.max)}; interactive p50 ${fmtMs(it.p50)}, p95 ${fmtMs(it.p95)}; ` +
        `longest task during a load ${fmtMs(Math.max(...loadTasks))}. Where the time went (p50s, ms from navigation start): ` +
        (['firstByte', 'htmlEnd', 'rowsInDom', 'fcp', 'domInteractive'] as const).map((k) => `${k} ${fmtMs(summarize(phases.map((x) => x[k])).p50)}`).join(', ') +
        `. The page is server-rendered with the server's kept list (app/(dashboard)/first-screen.ts).`,
    };
  } finally {
    await context.close();
  }
}

/**
 * Scrolls the rows element down by `px` per animation frame to the bottom; resolves to the frame
 * intervals. A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
 */
const SCROLL_SCRIPT = (px: number) => `
  new Promise((done) => {
    const el = document.querySelector('[data-testid=container-rows]');
    const frames = [];
    const startedAt = performance.now();
    let last = startedAt;
    const tick = (t) => {
      frames.push(t - last);
      last = t;
      if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) return done({ startedAt, frames: frames.slice(1) });
      el.scrollTop += ${px};
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })
`;

function scrollList(page: Page, px: number): Promise<{ startedAt: number; frames: number[] }> {
  return page.evaluate(SCROLL_SCRIPT(px)) as Promise<{ startedAt: number; frames: number[] }>;
}

/** A raw engine list call's p50 (for containers, when figure 1 did not run at this size, `--only=2`). */
async function rawListP50(ctx: BenchContext, path: string): Promise<number> {
  const agent = keepAlive();
  try {
    const times: number[] = [];
    for (let i = 0; i < 25; i++) times.push((await timedGet(agent, { socketPath: ctx.engine.socketPath }, path)).ms);
    return summarize(times.slice(5)).p50;
  } finally {
    agent.destroy();
  }
}

/**
 * Figure 2: the container list page at scale in Chromium: navigation → rows rendered and
 * interactive (compared with one raw engine list call, figure 1), then scrolling the whole list.
 */
export async function pageScaleFigure(ctx: BenchContext): Promise<FigureResult> {
  await ctx.ensureScale(ctx.pick(1000, 200));
  const count = await ctx.engine.count();
  const rawMs = ctx.shared.rawListCount === count ? ctx.shared.rawListP50! : await rawListP50(ctx, '/containers/json?all=1');
  const loads = await pageLoadRows(ctx, { path: '/containers', rowsSelector: '[data-testid=container-rows]', what: 'containers page', count, rawMs, rawWhat: 'raw container list call' });
  const rows: ResultRow[] = [...loads.rows];
  const notes: string[] = [loads.note];
  const context = await signedInContext(await ctx.browser(), ctx.server, undefined, { waitForApp: false });
  await context.addInitScript(READY_INIT.replace('__ROWS__', '[data-testid=container-rows]'));
  try {
    const page = await context.newPage();
    await loadList(page, `${ctx.server.url}/containers`);
    const { startedAt, frames } = await scrollList(page, 150);
    const tasks = await longTasks(page, startedAt);
    const frameStats = summarize(frames);
    rows.push({
      metric: `scroll: longest task @ ${count}`,
      dockside: fmtMs(tasks.longestMs),
      baseline: '—',
      check: check(tasks.longestMs, '<=', SCROLL_TASK_LIMIT_MS, 'longest', ' ms'),
    });
    rows.push({
      metric: 'scroll: tasks over 100 ms',
      dockside: fmtNum(tasks.over(SCROLL_TASK_LIMIT_MS)),
      baseline: '—',
      check: check(tasks.over(SCROLL_TASK_LIMIT_MS), '<=', 0, 'count'),
    });
    notes.push(
      `Scrolled the rows element top to bottom, 150 px per animation frame (${frames.length} frames): frame time p50 ${fmtMs(frameStats.p50)}, ` +
        `p95 ${fmtMs(frameStats.p95)}, max ${fmtMs(frameStats.max)}; ${tasks.count} long tasks (> 50 ms).`,
    );
    await page.close();
  } finally {
    await context.close();
  }
  return { id: 2, title: 'Page at scale', rows, notes };
}

/**
 * Figure 20: the images page at scale, as figure 2 for containers: navigation → rows on screen and
 * → interactive, against one raw `GET /images/json?all=1`, with tiny images imported for it (ten
 * contents, so layers are shared; removed after).
 */
export async function imagesPageFigure(ctx: BenchContext): Promise<FigureResult> {
  const size = ctx.pick(1000, 100);
  const t0 = Date.now();
  await importBenchImages(ctx, size);
  try {
    const count = (await ctx.engine.json<unknown[]>('GET', '/images/json?all=1')).length;
    const rawMs = await rawListP50(ctx, '/images/json?all=1');
    // The first visit computes unique/shared sizes (every image's layers); later loads get them kept.
    await (await fetch(`${ctx.server.url}/api/images?sharing=1`, { headers: { Authorization: `Bearer ${ctx.server.token}` } })).arrayBuffer();
    const loads = await pageLoadRows(ctx, { path: '/images', rowsSelector: '[data-testid=image-rows]', what: 'images page', count, rawMs, rawWhat: 'raw image list call' });
    return {
      id: 20,
      title: 'Images page at scale',
      rows: loads.rows,
      notes: [`${count} images on the engine (${size} imported for this figure in ${((Date.now() - t0) / 1000).toFixed(0)} s).`, loads.note],
    };
  } finally {
    await removeBenchImages(ctx);
  }
}
