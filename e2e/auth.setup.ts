import fs from 'node:fs';
import path from 'node:path';
import { expect, test as setup } from '@playwright/test';
import { e2eConfigDir } from '../playwright.config';

// Signs in the way a person does: the URL with the token that Dockside printed.
setup('sign in with the printed token URL', async ({ page }) => {
  const token = fs.readFileSync(path.join(e2eConfigDir, 'token'), 'utf8').trim();
  await page.goto(`/?token=${token}`);
  await expect(page).toHaveURL(/\/containers$/);
  expect(page.url()).not.toContain(token);
  await page.context().storageState({ path: 'test-results/e2e-state.json' });
});
