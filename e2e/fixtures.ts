import { test as base } from '@playwright/test';
import { waitForAppAfterLoads } from '../test/support/browser';
import { testRun } from '../test/support/docker-cli';

/**
 * Each worker gets its own label (`run`); every container carrying it is removed when each test
 * ends (`docker rm -f -v`: killed, so no stop timeout is waited), so what one test started does not
 * keep running, or using CPU, through the tests after it. Every page's `goto` and `reload` return
 * once the app has started on it (waitForAppAfterLoads), not at the load event alone.
 */
export const test = base.extend<{ removeContainersAfterTest: void }, { run: ReturnType<typeof testRun> }>({
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
  removeContainersAfterTest: [
    async ({ run }, use) => {
      await use();
      run.cleanup();
    },
    { auto: true },
  ],
});
export { expect } from '@playwright/test';
