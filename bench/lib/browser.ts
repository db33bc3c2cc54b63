import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, waitForAppAfterLoads } from '../../test/support/browser';
import type { RunningServer } from '../../test/support/dockside-server';

/**
 * Chromium in its own network namespace, reaching only `port` on the host (scripts/isolated-chromium.sh):
 * the bench starts and removes many containers, whose interface changes would abort its requests.
 */
export async function launchBrowser(port: number): Promise<Browser> {
  return launchChromium([port], { executablePath: process.env.DOCKSIDE_BENCH_CHROMIUM, args: ['--enable-precise-memory-info', `--disable-features=${TAB_CHROME_WEBUI.join(',')}`] });
}

/**
 * Chromium's own UI that every new tab loads in a renderer of its own (the omnibox popup and its
 * AI-mode popup, `chrome://omnibox-popup.top-chrome`, seen as two `browser_ui` targets per
 * `newPage()`): ~150 ms of main-thread and ~160 ms of worker-thread CPU in that renderer, on the 2
 * cores, while the tab's first page loads (traces of figure 2 loads). They belong to a window's
 * location bar, and headless Chromium opens each new page in a window of its own, so every sample
 * paid for a new window's omnibox; a page a person opens in a tab does not. Off, so the figures that
 * open a page per sample time the page and not Chromium's UI.
 */
const TAB_CHROME_WEBUI = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

/**
 * Collects long tasks (over 50 ms, as Chromium reports them) from the very start of every page in
 * the context into `window.__longTasks`, as [startTime, duration] pairs.
 */
const LONG_TASKS_INIT = `
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
`;

/**
 * A browser context signed in the way a person is: the printed `/?token=` URL, swapped for a cookie.
 * Its pages' `goto` and `reload` return once the app has started (waitForAppAfterLoads), unless
 * `waitForApp` is false: a figure that times a load in the page itself must not have Playwright's
 * polling script running in the page before the first paint.
 */
export async function signedInContext(browser: Browser, server: RunningServer, viewport = { width: 1400, height: 900 }, { waitForApp = true } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  if (waitForApp) waitForAppAfterLoads(context);
  await context.addInitScript(LONG_TASKS_INIT);
  const page = await context.newPage();
  await page.goto(`${server.url}/?token=${server.token}`);
  // Signed in once the token is out of the URL: `/` is the containers list with one engine, the
  // engines' home page with several.
  await page.waitForURL((url) => !url.searchParams.has('token'));
  await page.close();
  return context;
}

export interface LongTasks {
  count: number;
  longestMs: number;
  over: (ms: number) => number;
}

/** Long tasks that started at or after `sincePageMs` (the page's performance.now()). */
export async function longTasks(page: Page, sincePageMs = 0): Promise<LongTasks> {
  const all = await page.evaluate(() => (window as unknown as { __longTasks: Array<[number, number]> }).__longTasks ?? []);
  const tasks = all.filter(([start]) => start >= sincePageMs).map(([, d]) => d);
  return { count: tasks.length, longestMs: tasks.length ? Math.max(...tasks) : 0, over: (ms) => tasks.filter((d) => d > ms).length };
}

/** The page's clock as epoch ms (timeOrigin + now): comparable with the bench's own. */
export const pageEpochNow = (page: Page) => page.evaluate(() => performance.timeOrigin + performance.now());
