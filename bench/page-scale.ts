import type { Page } from 'playwright-core';
import { longTasks, signedInContext } from './lib/browser';
import { keepAlive, timedGet } from './lib/http';
import type { BenchContext } from './lib/context';
import { check, fmtMs, fmtNum, type FigureResult, type ResultRow } from './lib/report';
import { ratio, summarize } from './lib/stats';

/** Scrolling must not block the main thread longer than this (the figure 2). */
const SCROLL_TASK_LIMIT_MS = 100;

/**
 * Marks `window.__listReadyAt` (performance.now(), i.e. ms since navigation start) the moment the
 * list has rows and an enabled search box. Rows only exist once the app has hydrated and fetched
 * the list, so this is "rendered and interactive".
 */
const READY_INIT = `
  (() => {
    const ready = () => {
      if (window.__listReadyAt) return true;
      const search = document.querySelector('input[type=search]');
      if (document.querySelector('[data-testid=container-rows] [role=row]') && search && !search.disabled) {
        window.__listReadyAt = performance.now();
        return true;
      }
      return false;
    };
    const mo = new MutationObserver(() => ready() && mo.disconnect());
    mo.observe(document, { subtree: true, childList: true, attributes: true });
  })();
`;

async function loadList(page: Page, url: string): Promise<number> {
  await page.goto(`${url}/containers`, { waitUntil: 'commit' });
  await page.waitForFunction(() => (window as unknown as { __listReadyAt?: number }).__listReadyAt, undefined, { timeout: 60_000, polling: 50 });
  return page.evaluate(() => (window as unknown as { __listReadyAt: number }).__listReadyAt);
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

/** When figure 1 did not run at this size (`--only=2`): the raw engine list call's p50, measured here. */
async function rawListP50(ctx: BenchContext): Promise<number> {
  const agent = keepAlive();
  try {
    const times: number[] = [];
    for (let i = 0; i < 25; i++) times.push((await timedGet(agent, { socketPath: ctx.engine.socketPath }, '/containers/json?all=1')).ms);
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
  const runs = ctx.pick(7, 3);
  const context = await signedInContext(await ctx.browser(), ctx.server);
  await context.addInitScript(READY_INIT);
  const rows: ResultRow[] = [];
  const notes: string[] = [];
  try {
    const loads: number[] = [];
    const loadTasks: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const page = await context.newPage();
      const ms = await loadList(page, ctx.server.url);
      // The first load warms the server's route modules; it is not counted.
      if (i > 0) {
        loads.push(ms);
        loadTasks.push((await longTasks(page)).longestMs);
      }
      await page.close();
    }
    const load = summarize(loads);
    const rawMs = ctx.shared.rawListCount === count ? ctx.shared.rawListP50! : await rawListP50(ctx);
    rows.push({
      metric: `list ready p50 @ ${count} containers`,
      dockside: fmtMs(load.p50),
      baseline: `${fmtMs(rawMs)} (raw list call, p50)`,
      ratio: ratio(load.p50, rawMs),
    });
    notes.push(
      `Navigation start → rows and search box present (MutationObserver, ms since navigation start), ${runs} loads after one warm-up: ` +
        `p50 ${fmtMs(load.p50)}, p95 ${fmtMs(load.p95)}, max ${fmtMs(load.max)}; longest task during a load ${fmtMs(Math.max(...loadTasks))}.`,
    );

    const page = await context.newPage();
    await loadList(page, ctx.server.url);
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
