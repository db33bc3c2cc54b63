import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '../..');

/** Debian's Chromium in a network namespace of its own (see the script): out of Docker's interface churn. */
export const ISOLATED_CHROMIUM = path.join(root, 'scripts/isolated-chromium.sh');

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** The environment the isolated Chromium needs: the host loopback ports its pages may reach. */
export function isolatedChromiumEnv(ports: number[]): Record<string, string> {
  return { ...(process.env as Record<string, string>), DOCKSIDE_BROWSER_PORTS: ports.join(',') };
}

/** Chromium for tests and the bench: its pages reach only `ports` on the host's loopback (as localhost or 127.0.0.1). */
export function launchChromium(ports: number[], opts: { args?: string[]; executablePath?: string } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: opts.executablePath ?? ISOLATED_CHROMIUM,
    args: [...CHROMIUM_ARGS, ...(opts.args ?? [])],
    env: isolatedChromiumEnv(ports),
  });
}

/** What of a Playwright page the wait below needs (playwright-core's and @playwright/test's pages both fit). */
interface NavigatingPage {
  goto(url: string, options?: { waitUntil?: string; timeout?: number; referer?: string }): Promise<unknown>;
  reload(options?: { waitUntil?: string; timeout?: number }): Promise<unknown>;
  waitForFunction(fn: () => boolean, arg?: undefined, options?: { timeout?: number }): Promise<unknown>;
}
interface PagesContext<P extends NavigatingPage> {
  pages(): P[];
  on(event: 'page', listener: (page: P) => void): unknown;
}

/**
 * A Dockside page has started its app: React has hydrated the document (its body carries React's
 * fiber). A page that is not Next's (no flight data, `self.__next_f`) counts as started at once.
 */
const appStarted = () => !('__next_f' in self) || Object.keys(document.body ?? {}).some((k) => k.startsWith('__reactFiber'));

/**
 * Dockside's pages start their app's scripts after the first paint (server/http/chunks-after-paint.ts),
 * so the load event that `goto` and `reload` wait for can come first: a click or a keystroke right
 * after one would land on server-rendered HTML that does nothing yet. Makes every page of the
 * context (those open and those to come) wait, after a `goto` or `reload`, until the app has
 * started. A `goto` that waits only for the commit (`waitUntil: 'commit'`, a figure timing the
 * load in the page itself) is left as it is.
 */
export function waitForAppAfterLoads<P extends NavigatingPage>(context: PagesContext<P>): void {
  const wrap = (page: P) => {
    /** `navigate`, then (unless it waits only for the commit) the app's start. */
    const thenAppStarted =
      <A extends unknown[]>(navigate: (...args: A) => Promise<unknown>, options: (args: A) => { waitUntil?: string } | undefined) =>
      async (...args: A) => {
        const res = await navigate(...args);
        if (options(args)?.waitUntil !== 'commit') await page.waitForFunction(appStarted);
        return res;
      };
    page.goto = thenAppStarted(page.goto.bind(page), (a) => a[1]) as P['goto'];
    page.reload = thenAppStarted(page.reload.bind(page), (a) => a[0]) as P['reload'];
  };
  context.pages().forEach(wrap);
  context.on('page', wrap);
}
