import { runContainer } from '../test/support/docker-cli';
import { expectAccessible, setTheme, themes } from './axe';
import { expect, test } from './fixtures';

/**
 * A person adds an engine on /engines (this test's own engine, again, by its socket), finds it on the
 * home page (which shows every engine once there are two) and in the switcher, opens its containers,
 * and removes it; `/` then goes back to Containers. axe checks the form and the home page, in both themes.
 */
test.describe('engines added in Dockside', () => {
  test('add an engine, see it at home and in the switcher, open its containers, remove it', async ({ page, run }) => {
    const engine = `e2e-${run.run}`;
    const container = run.name('on-added');
    runContainer(run.label, container, []);

    await page.goto('/engines');
    await page.getByTestId('add-engine').click();
    const form = page.getByTestId('engine-form');
    await expect(form).toBeVisible();
    for (const theme of themes) {
      await setTheme(page, theme);
      await expectAccessible(page, `${theme} engine form`);
    }
    // A TLS engine shows its PEM fields; plain TCP to another machine asks for the risk in words.
    await form.getByTestId('transport-tcp').check();
    await form.getByTestId('engine-host').fill('10.9.8.7');
    await form.getByTestId('engine-port').fill('2375');
    await expect(form.getByTestId('pem-key')).toBeVisible();
    await form.getByTestId('engine-tls').uncheck();
    await expect(form.getByTestId('plain-tcp-warning')).toContainText('anyone on the network path');
    await expect(form.getByTestId('engine-accept-risk')).not.toBeChecked();
    await expectAccessible(page, 'engine form, plain TCP');

    await form.getByTestId('transport-unix').check();
    await form.getByTestId('engine-name').fill(engine);
    await form.getByTestId('engine-socket').fill(process.env.DOCKER_HOST!.replace(/^unix:\/\//, ''));
    await form.getByTestId('engine-save').click();
    await expect(page.getByRole('status').filter({ hasText: `Engine ${engine} added` })).toBeVisible({ timeout: 30_000 });
    const card = page.getByTestId(`engine-card-${engine}`);
    await expect(card.getByTestId('engine-card-status')).toHaveText('up', { timeout: 30_000 });
    await expect(card).toContainText('Added in Dockside');
    await expect(page.getByTestId('engine-card-default').getByTestId('engine-card-origin')).toContainText('read-only');

    // Edit: the form comes back with what is stored; saving checks the engine again.
    await page.getByTestId(`edit-engine-${engine}`).click();
    await expect(form.getByTestId('engine-name')).toHaveValue(engine);
    await expect(form.getByTestId('engine-name')).toBeDisabled();
    await expect(form.getByTestId('engine-socket')).toHaveValue(process.env.DOCKER_HOST!.replace(/^unix:\/\//, ''));
    await form.getByTestId('engine-save').click();
    await expect(page.getByRole('status').filter({ hasText: `Engine ${engine} saved` })).toBeVisible({ timeout: 30_000 });

    // Home: every engine at a glance now that there are two, live from each engine's own channel.
    await page.goto('/');
    await expect(page).toHaveURL(/\/$/);
    const home = page.getByTestId(`engine-card-${engine}`);
    await expect(home.getByTestId('engine-card-status')).toHaveText('up', { timeout: 30_000 });
    await expect(home.getByTestId('engine-card-containers')).toContainText('running /');
    await expect(page.getByTestId('engine-card-default')).toBeVisible();
    for (const theme of themes) {
      await setTheme(page, theme);
      await expectAccessible(page, `${theme} home with two engines`);
    }

    // The switcher lists it too.
    await page.getByTestId('engine-switcher').click();
    await expect(page.getByTestId(`switch-engine-${engine}`)).toContainText('up', { timeout: 30_000 });
    await page.keyboard.press('Escape');

    // Its containers, from the card.
    await home.getByTestId('engine-card-containers-link').click();
    await expect(page).toHaveURL(new RegExp(`/containers\\?engine=${engine}`));
    await expect(page.getByTestId('current-engine')).toHaveText(engine);
    await expect(page.getByRole('link', { name: container, exact: true })).toBeVisible({ timeout: 30_000 });

    // Remove it; the home page then goes straight to Containers again.
    await page.goto('/engines');
    await page.getByTestId(`remove-engine-${engine}`).click();
    await page.getByTestId('confirm-remove-engine').click();
    await expect(page.getByTestId(`engine-card-${engine}`)).toHaveCount(0);
    await page.goto('/');
    await expect(page).toHaveURL(/\/containers$/);
  });
});
