import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_LABEL, waitFor } from '../support/docker-cli';
import { launchChromium, waitForAppAfterLoads } from '../support/browser';
import { startDockside, type RunningServer } from '../support/dockside-server';
import { privateEngine } from './support';

/**
 * The engine restarts while the user has the containers list and a followed log open, in Chromium.
 * A private engine: this test stops and starts it, which must never disturb the shared one.
 */
const engine = privateEngine('restart');
const label = `${TEST_LABEL}=rel-restart`;
const COUNTER = 'dst-rel-counter';
const BYSTANDER = 'dst-rel-bystander';
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  await engine.start();
  // Numbered lines every 100 ms; `--restart always` brings it back when the engine starts again.
  engine.docker('run', '-d', '--label', label, '--name', COUNTER, '--restart', 'always', 'dockside/busybox', 'sh', '-c', 'i=0; while true; do i=$((i+1)); echo "n $i"; sleep 0.1; done');
  // No restart policy: it is still "running" on screen while the engine is away, and "exited"
  // once the engine is back, which the list can only show by refreshing.
  engine.docker('run', '-d', '--label', label, '--name', BYSTANDER, 'dockside/busybox', 'sleep', '3600');
  server = await startDockside([], { DOCKER_HOST: engine.host });
  browser = await launchChromium([server.port]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await engine.purge();
}, 120_000);

interface BannerLog {
  shown: number[];
  hidden: number[];
}

/** Records (in the page, with the wall clock) each time the engine banner appears and goes. */
async function watchBanner(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: BannerLog = { shown: [], hidden: [] };
    (window as unknown as { __banner: BannerLog }).__banner = log;
    let visible = false;
    new MutationObserver(() => {
      const now = !!document.querySelector('[data-testid=engine-unreachable]');
      if (now !== visible) (now ? log.shown : log.hidden).push(Date.now());
      visible = now;
    }).observe(document, { childList: true, subtree: true });
  });
}
const bannerLog = (page: Page) => page.evaluate(() => (window as unknown as { __banner: BannerLog }).__banner);

/** The log view's footer: "1,234 lines". */
async function linesInView(page: Page): Promise<number> {
  const text = (await page.locator('text=/^[\\d,]+ lines$/').first().textContent()) ?? '0';
  return Number(text.replace(/\D/g, ''));
}

interface Row {
  time: string | null;
  text: string;
}

/**
 * Every row the (virtualised) log view holds, read from the DOM by scrolling it from top to bottom.
 * Rows only render near the viewport, so each index is collected when it is in view; the scan
 * repeats until every index from 0 to the last has been seen.
 */
async function readLogView(page: Page): Promise<Row[]> {
  return page.evaluate(async () => {
    const el = document.querySelector<HTMLElement>('[role=log]')!;
    const settle = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 30))));
    const got = new Map<number, { time: string | null; text: string }>();
    for (let pass = 0; pass < 5; pass++) {
      el.scrollTop = 0;
      await settle();
      for (;;) {
        for (const row of el.querySelectorAll<HTMLElement>('[data-index]')) {
          const time = row.querySelector('time');
          const text = time ? (time.nextElementSibling?.textContent ?? '') : (row.textContent ?? '').trim();
          got.set(Number(row.dataset.index), { time: time?.getAttribute('datetime') ?? null, text });
        }
        if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) break;
        el.scrollTop += Math.max(50, el.clientHeight / 2);
        await settle();
      }
      const max = Math.max(...got.keys());
      if ([...Array(max + 1).keys()].every((i) => got.has(i))) break;
    }
    return [...got.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
  });
}

describe('engine restart with pages open', () => {
  it('says the engine is gone within moments, keeps what it showed, and picks up again without a reload', { timeout: 150_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    waitForAppAfterLoads(context);
    const list = await context.newPage();
    const logs = await context.newPage();
    await watchBanner(list);
    await watchBanner(logs);
    await list.goto(`${server.url}/?token=${server.token}`);
    await list.waitForURL((u) => !u.search.includes('token'));

    await list.goto(`${server.url}/containers`);
    const row = (name: string) => list.locator(`[data-container-name="${name}"]`);
    await row(COUNTER).locator('[data-state=running]').waitFor();
    await row(BYSTANDER).locator('[data-state=running]').waitFor();

    await logs.goto(`${server.url}/containers/${COUNTER}/logs`);
    await logs.getByText('Following', { exact: true }).waitFor();
    await waitFor(async () => (await linesInView(logs)) >= 20, 'the log view to fill');
    // A reload would wipe this; it must still be there at the end.
    for (const p of [list, logs]) await p.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    // ---- the engine goes away ----
    const stopAt = Date.now();
    const stopping = engine.stop();
    const apiGoneAt = await waitFor(async () => ((await engine.answers()) ? null : Date.now()), 'the engine to stop answering', 30_000);
    await list.locator('[data-testid=engine-unreachable]').waitFor({ timeout: 30_000 });
    await logs.locator('[data-testid=engine-unreachable]').waitFor({ timeout: 30_000 });
    const shownAt = Math.max((await bannerLog(list)).shown[0]!, (await bannerLog(logs)).shown[0]!);
    const linesWhileDown = await linesInView(logs);
    // What was on screen stays there.
    await expect(row(COUNTER).count()).resolves.toBe(1);
    await expect(row(BYSTANDER).count()).resolves.toBe(1);
    expect(linesWhileDown).toBeGreaterThanOrEqual(20);
    await stopping;
    const stoppedAt = Date.now();
    // Still there once the engine is fully down, the banner too.
    await expect(row(COUNTER).count()).resolves.toBe(1);
    await expect(row(BYSTANDER).count()).resolves.toBe(1);
    expect(await linesInView(logs)).toBeGreaterThanOrEqual(linesWhileDown);
    await expect(list.locator('[data-testid=engine-unreachable]').count()).resolves.toBe(1);

    // ---- and comes back ----
    const starting = engine.start();
    const backAt = await waitFor(async () => ((await engine.answers()) ? Date.now() : null), 'the engine to answer again', 60_000);
    await starting;
    if (!engine.docker('inspect', '--format', '{{.State.Running}}', COUNTER).startsWith('true')) engine.docker('start', COUNTER);
    await list.locator('[data-testid=engine-unreachable]').waitFor({ state: 'detached', timeout: 30_000 });
    await logs.locator('[data-testid=engine-unreachable]').waitFor({ state: 'detached', timeout: 30_000 });
    const hiddenAt = Math.max((await bannerLog(list)).hidden[0]!, (await bannerLog(logs)).hidden[0]!);
    // The list refreshed by itself: the bystander died with the engine and shows as exited now.
    await row(BYSTANDER).locator('[data-state=exited]').waitFor({ timeout: 30_000 });
    await row(COUNTER).locator('[data-state=running]').waitFor({ timeout: 30_000 });
    // The old log stream ended when the engine stopped the container, so the view holds still until
    // the stream re-opens by itself; then new lines arrive.
    const linesAtReturn = await linesInView(logs);
    const reopenedAt = await waitFor(async () => ((await linesInView(logs)) > linesAtReturn ? Date.now() : null), 'the log to continue', 30_000);
    const reopenedLines = await waitFor(async () => {
      const n = await linesInView(logs);
      return n >= linesAtReturn + 20 ? n : null;
    }, 'new lines after the engine came back', 30_000);

    console.log(
      `engine restart figures: engine API gone ${apiGoneAt - stopAt} ms after the stop began; ` +
        `banner shown ${shownAt - apiGoneAt} ms after that (${shownAt - stopAt} ms after the stop began); ` +
        `engine stop took ${stoppedAt - stopAt} ms; banner gone ${hiddenAt - backAt} ms after the engine answered again; ` +
        `first new log line ${reopenedAt - backAt} ms after it; log view ${linesWhileDown} lines at the banner, ${linesAtReturn} when the engine was back, then ${reopenedLines}`,
    );
    // Generous: a behaviour check, not a benchmark (the figure above is what to look at).
    expect(shownAt - apiGoneAt).toBeLessThan(10_000);

    // ---- every line exactly once across the restart ----
    // Stop the counter so the log holds still, then read the whole view and hold it against the engine's log.
    engine.docker('stop', '-t', '0', COUNTER);
    // The status line (not the earlier exit marker in the log): the stream has ended, all lines delivered.
    await logs.locator('[role=status]', { hasText: /Container exited with code/ }).waitFor({ timeout: 30_000 });
    const engineLog = engine
      .docker('logs', '-t', COUNTER)
      .split('\n')
      .filter(Boolean)
      .map((l) => ({ time: l.slice(0, l.indexOf(' ')), text: l.slice(l.indexOf(' ') + 1) }));
    const download = await (await server.api(`/api/containers/${COUNTER}/logs?timestamps=1`)).text();
    expect(download.split('\n').filter(Boolean)).toEqual(engineLog.map((l) => `${l.time} ${l.text}`));

    const view = await readLogView(logs);
    const viewLines = view.filter((r): r is { time: string; text: string } => r.time !== null);
    expect(viewLines.length).toBe(await linesInView(logs));
    const keys = viewLines.map((l) => `${l.time} ${l.text}`);
    expect(new Set(keys).size, 'no line shown twice').toBe(keys.length);
    const first = engineLog.findIndex((l) => l.time === viewLines[0]!.time && l.text === viewLines[0]!.text);
    expect(first, 'the first line in view is in the engine log').toBeGreaterThanOrEqual(0);
    // No gap and no duplicate: from its first line on, the view holds exactly the engine's log.
    expect(viewLines).toEqual(engineLog.slice(first));
    // It did cross the restart: the view reaches from before the counter started over at 1 to after it.
    const secondRun = engineLog.findIndex((l, i) => i > 0 && l.text === 'n 1');
    expect(secondRun).toBeGreaterThan(first);
    expect(engineLog.length - secondRun).toBeGreaterThanOrEqual(20);
    console.log(`engine restart figures: ${viewLines.length} lines in view, ${view.length - viewLines.length} markers (${view.filter((r) => r.time === null).map((r) => r.text).join(' | ')})`);

    for (const p of [list, logs]) expect(await p.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await context.close();
  });
});
