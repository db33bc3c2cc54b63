import { BENCH_LABEL, type BenchContext } from './lib/context';
import { signedInContext } from './lib/browser';
import type { RawEngine } from './lib/engine';
import { createContainers, engineReachable, figureServer, withSecondEngine } from './lib/engines';
import { keepAlive, timedGet } from './lib/http';
import { fmtMs, type FigureResult, type ResultRow } from './lib/report';
import { summarize } from './lib/stats';

/** Containers on each engine: a screenful, so the list is a real one. */
const PER_ENGINE = 20;

/**
 * Clicks the switcher entry for `target` and resolves, in ms, when the container rows show a row of
 * `want` and none of `gone`, at the next animation frame after (the frame that paints them). A
 * string, not a function: tsx would wrap named inner functions in a helper the page lacks.
 */
const SWITCH_SCRIPT = (target: string, want: string, gone: string) => `
  new Promise((done, fail) => {
    const has = (name) => Array.from(document.querySelectorAll('[data-testid=container-rows] [role=row]')).some((r) => (r.textContent || '').includes(name));
    const link = document.querySelector('[data-testid="switch-engine-${target}"]');
    if (!link) return fail(new Error('no switcher entry for ${target}'));
    const t0 = performance.now();
    const mo = new MutationObserver(() => {
      if (has(${JSON.stringify(want)}) && !has(${JSON.stringify(gone)})) {
        mo.disconnect();
        requestAnimationFrame(() => done(performance.now() - t0));
      }
    });
    mo.observe(document.body, { subtree: true, childList: true, characterData: true });
    link.click();
  })
`;

/**
 * Figure 12: switching engines in the page. Two private engines with different containers (the
 * bench's own as `a`, a second private dockerd as `b`, DOCKSIDE_ENGINES); headless Chromium on the
 * containers page of one, the switcher opened, then timed: the click on the other engine's entry →
 * that engine's rows on screen and the first engine's gone. Alternating a → b → a …; most switches
 * follow the last within a second (both engines' lists kept, as while a person flips between them),
 * a few wait until the engine left has not been watched for 6 s (its hub ended: a cold switch).
 * Beside it, each engine's own list call (`GET /containers/json?all=1` on its socket).
 */
export async function engineSwitchFigure(ctx: BenchContext): Promise<FigureResult> {
  return withSecondEngine(ctx, async (second, rawB) => {
    // Created, not started: rows all the same, without 40 container starts on a busy machine.
    await createContainers(ctx, ctx.engine, PER_ENGINE, 'switch-a');
    await createContainers(ctx, rawB, PER_ENGINE, 'switch-b');
    const server = await figureServer(ctx.engine.socketPath, { DOCKSIDE_ENGINES: `a=unix://${ctx.engine.socketPath},b=${second.unixHost}` });
    const rows: ResultRow[] = [];
    const notes: string[] = [];
    const context = await signedInContext(await ctx.browser(server), server);
    try {
      await engineReachable(server, 'a');
      await engineReachable(server, 'b');
      const page = await context.newPage();
      await page.goto(`${server.url}/containers?engine=a`);
      await page.locator('[data-testid=container-rows] [role=row]', { hasText: ctx.name('switch-a-') }).first().waitFor({ timeout: 60_000 });
      let on = 'a';
      const switchTo = async (target: string) => {
        await page.getByTestId('engine-switcher').click();
        await page.getByTestId(`switch-engine-${target}`).waitFor();
        const ms = (await page.evaluate(SWITCH_SCRIPT(target, ctx.name(`switch-${target}-`), ctx.name(`switch-${on}-`)))) as number;
        on = target;
        await page.waitForURL((u) => u.searchParams.get('engine') === target || (target === 'default' && !u.searchParams.has('engine')));
        return ms;
      };
      // Untimed: both engines' pages once (route code loaded, both engines' hubs started).
      await switchTo('b');
      await switchTo('a');
      const warm: number[] = [];
      for (let i = 0; i < ctx.pick(20, 6); i++) {
        await page.waitForTimeout(300);
        warm.push(await switchTo(on === 'a' ? 'b' : 'a'));
      }
      const cold: number[] = [];
      for (let i = 0; i < ctx.pick(3, 1); i++) {
        // The engine switched to was left more than its hub's 5 s linger ago.
        await page.waitForTimeout(6_000);
        cold.push(await switchTo(on === 'a' ? 'b' : 'a'));
      }
      await page.close();
      const w = summarize(warm);
      const c = summarize(cold);
      const rawA = await rawList(ctx.engine);
      const rawB2 = await rawList(rawB);
      rows.push({ metric: `switch → other engine's rows on screen, p50 (${w.n} switches)`, dockside: fmtMs(w.p50), baseline: `${fmtMs(rawA.p50)} / ${fmtMs(rawB2.p50)} (list call on a / b, p50)` });
      rows.push({ metric: 'switch → rows on screen, p95', dockside: fmtMs(w.p95), baseline: `${fmtMs(rawA.p95)} / ${fmtMs(rawB2.p95)} (p95)` });
      rows.push({ metric: `cold switch (engine unwatched for 6 s), p50 (${c.n})`, dockside: fmtMs(c.p50), baseline: '—' });
      notes.push(
        `${PER_ENGINE} containers (created) on each engine. Click (in the page) on the switcher entry → a row of the other engine's containers present and none of the first's, at the next animation frame; ` +
          `${w.n} switches 300 ms apart: p50 ${fmtMs(w.p50)}, p95 ${fmtMs(w.p95)}, max ${fmtMs(w.max)}; ${c.n} cold: max ${fmtMs(c.max)}. No ratio target (issue 14 asks for the p95).`,
      );
    } finally {
      await context.close();
      await server.stop();
      await ctx.engine.removeByLabel(`${BENCH_LABEL}.role=switch-a`).catch(() => 0);
    }
    return { id: 12, title: 'Switching engines in the page', rows, notes };
  });
}

/** The engine's own list call, 25 times after 5 untimed. */
async function rawList(engine: RawEngine) {
  const agent = keepAlive();
  try {
    const times: number[] = [];
    for (let i = 0; i < 30; i++) times.push((await timedGet(agent, { socketPath: engine.socketPath }, '/containers/json?all=1')).ms);
    return summarize(times.slice(5));
  } finally {
    agent.destroy();
  }
}

