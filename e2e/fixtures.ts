import { test as base } from '@playwright/test';
import { testRun } from '../test/support/docker-cli';

/** Each spec file gets its own label; everything it created is removed afterwards. */
export const test = base.extend<object, { run: ReturnType<typeof testRun> }>({
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
