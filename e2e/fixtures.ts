import { test as base } from '@playwright/test';
import { waitForAppAfterLoads } from '../test/support/browser';
import { testRun } from '../test/support/docker-cli';

/**
 * Each spec file gets its own label; everything it created is removed afterwards. Every page's
 * `goto` and `reload` return once the app has started on it (waitForAppAfterLoads), not at the
 * load event alone.
 */
export const test = base.extend<object, { run: ReturnType<typeof testRun> }>({
  context: async ({ context }, use) => {
    waitForAppAfterLoads(context);
    await use(context);
  },
  run: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, info) => {
      const run = testRun(`e2e${info.workerIndex}`);
      await use(run);
      run.cleanup();
    },
    { scope: 'worker' },
  ],
});
export { expect } from '@playwright/test';
