import { docker, runContainer, servedPage } from '../test/support/docker-cli';
import { expect, test } from './fixtures';

test.describe('run form', () => {
  test('paste a docker run line, adjust a field, run it, land on its logs; the port serves a page', async ({ page, run }) => {
    const name = run.name('pasted');
    await page.goto('/containers');
    await page.getByRole('link', { name: '+ New container' }).click();
    await expect(page.getByRole('heading', { name: 'New container' })).toBeVisible();

    await page.getByLabel('docker run or docker create line').fill(`docker run -d --name ${name}-x -l ${run.label} -p 127.0.0.1::80 --frobnicate dockside/web`);
    await page.getByRole('button', { name: 'Fill the form' }).click();
    await expect(page.getByText('Not docker run flags (ignored): --frobnicate')).toBeVisible();
    // The line was refused as a whole? No: unknown flags are reported, the rest fills the form.
    await expect(page.getByRole('combobox', { name: 'Image' })).toHaveValue('dockside/web');

    await page.getByLabel('Name', { exact: true }).fill(name);
    await expect(page.getByTestId('run-line')).toContainText(`--name ${name} `);
    await page.getByRole('button', { name: 'Create and start' }).click();

    await expect(page).toHaveURL(/\/containers\/[0-9a-f]{64}\/logs$/);
    expect(JSON.parse(docker('inspect', name))[0].State.Running).toBe(true);
    const body = await servedPage(name);
    expect(body.length).toBeGreaterThan(0);
  });

  test('duplicate a container with a changed env; edit one in place', async ({ page, run }) => {
    const name = run.name('orig');
    // busybox's sleep ignores SIGTERM, so stopping it (below, to recreate it) takes its whole stop timeout: 3 s, not the engine's 10.
    runContainer(run.label, name, ['-e', 'COLOR=blue', '--stop-timeout', '3']);
    await page.goto(`/containers/${name}`);
    await page.getByRole('link', { name: 'Duplicate' }).click();
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue(`${name}-copy`);
    await expect(page.getByLabel('Variable 1 value')).toHaveValue('blue');
    await page.getByLabel('Variable 1 value').fill('red');
    await page.getByRole('button', { name: 'Create and start' }).click();
    await expect(page).toHaveURL(/\/logs$/);
    expect(JSON.parse(docker('inspect', `${name}-copy`))[0].Config.Env).toContain('COLOR=red');

    const id = JSON.parse(docker('inspect', name))[0].Id;
    await page.goto(`/containers/${name}`);
    await page.getByRole('link', { name: 'Edit…' }).click();
    await page.getByLabel('Variable 1 value').fill('green');
    await page.getByRole('button', { name: 'Recreate with these settings' }).click();
    // The old container is stopped first, which takes its 3 s stop timeout: long enough to see this.
    await expect(page.getByRole('status').filter({ hasText: 'Recreating' })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/containers/${name}$`), { timeout: 45_000 });
    const now = JSON.parse(docker('inspect', name))[0];
    expect(now.Id).not.toBe(id);
    expect(now.Config.Env).toContain('COLOR=green');
  });

  test('create a network, connect two containers, see both on the picture', async ({ page, run }) => {
    const net = run.name('net');
    const a = run.name('na');
    const b = run.name('nb');
    runContainer(run.label, a, []);
    runContainer(run.label, b, []);
    try {
      await page.goto('/networks');
      await page.getByRole('button', { name: '+ New network' }).click();
      await page.getByRole('dialog').getByLabel('Name').fill(net);
      await page.getByRole('dialog').getByLabel('Subnet').fill('10.213.140.0/24');
      await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
      await expect(page.getByTestId(`network-${net}`)).toBeVisible();
      for (const c of [a, b]) {
        await page.getByTestId(`network-${net}`).getByRole('button', { name: 'Connect…' }).click();
        await page.getByRole('dialog').getByLabel('Container').selectOption(c);
        await page.getByRole('dialog').getByRole('button', { name: 'Connect' }).click();
        await expect(page.getByTestId(`map-container-${c}`)).toBeVisible();
        // The picture can follow the engine's event before the dialog has closed; the page is inert until it has.
        await expect(page.getByRole('dialog')).toBeHidden();
      }
      await expect(page.getByTestId(`map-network-${net}`)).toBeVisible();
      // Each container is on two networks (bridge too): both its lines meet at its box, and their addresses do not overlap.
      const addresses = page.locator(`svg text[data-address-of="${a}"]`);
      await expect(addresses).toHaveCount(2);
      const [p, q] = await Promise.all([addresses.nth(0).boundingBox(), addresses.nth(1).boundingBox()]);
      expect(p && q && (p.x + p.width <= q.x || q.x + q.width <= p.x || p.y + p.height <= q.y || q.y + q.height <= p.y)).toBe(true);
      // The search by subnet leaves this network, in the table and in the picture.
      await page.getByRole('searchbox', { name: 'Search networks by name, subnet, label or container' }).fill('10.213.140.');
      await expect(page.getByTestId('network-bridge')).toBeHidden();
      await expect(page.getByTestId('map-network-bridge')).toBeHidden();
      await expect(page.getByTestId(`network-${net}`)).toBeVisible();
      // Each container's own view (the network's lists only endpoints of running containers).
      for (const c of [a, b]) expect(Object.keys(JSON.parse(docker('inspect', c))[0].NetworkSettings.Networks)).toContain(net);
    } finally {
      docker('rm', '-f', a, b);
      docker('network', 'rm', net);
    }
  });

  test('volumes: one made outside Dockside appears live with its user; removal in use is refused; its files can be browsed', async ({ page, run }) => {
    const vol = run.name('vol');
    try {
      await page.goto('/volumes');
      await expect(page.getByRole('heading', { name: 'Volumes', exact: true })).toBeVisible();
      docker('volume', 'create', '--label', run.label, vol);
      await expect(page.getByTestId(`volume-${vol}`)).toBeVisible();
      runContainer(run.label, run.name('vol-user'), ['-v', `${vol}:/data`], 'dockside/busybox', ['sh', '-c', 'mkdir /data/notes && echo hi > /data/notes/today.txt && sleep 3600']);
      await expect(page.getByTestId(`volume-${vol}`)).toContainText(run.name('vol-user'));
      await expect(page.getByTestId(`volume-${vol}`).getByRole('button', { name: 'Remove…' })).toBeDisabled();

      // The search finds it by the container that mounts it (/ focuses it), keeps it in the URL, and says when nothing matches.
      await page.getByRole('heading', { name: 'Volumes', exact: true }).click();
      await page.keyboard.press('/');
      const search = page.getByRole('searchbox', { name: 'Search volumes by name, driver, label or container' });
      await expect(search).toBeFocused();
      await search.fill(run.name('vol-user'));
      await expect(page).toHaveURL(new RegExp(`\\?q=${run.name('vol-user')}`));
      await expect(page.locator('[data-testid^="volume-"]')).toHaveCount(1);
      await search.fill(`${vol}-nothing-like-it`);
      await expect(page.getByText('No volumes match')).toBeVisible();
      await page.getByRole('button', { name: 'Clear the search' }).click();
      await expect(page.getByTestId(`volume-${vol}`)).toBeVisible();
      // Ctrl+K finds it too, on this page as on any other: the list is searched for it.
      await page.keyboard.press('Control+k');
      await page.keyboard.type(vol);
      await page.getByTestId('command-palette').getByRole('option').filter({ hasText: vol }).filter({ hasText: 'in use' }).click();
      await expect(search).toHaveValue(vol);
      await expect(page.locator('[data-testid^="volume-"]')).toHaveCount(1);

      // Browse the file the container wrote.
      await page.getByTestId(`volume-${vol}`).getByRole('button', { name: 'Browse' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'notes/' }).click();
      await expect(page.getByTestId('volume-files')).toContainText('today.txt');
      await expect(page.getByRole('link', { name: 'Download today.txt' })).toHaveAttribute('href', /files\/download\?path=%2Fnotes%2Ftoday\.txt/);
      expect(docker('ps', '-aq', '--filter', 'label=dockside.helper=volume-browser')).toBe('');
    } finally {
      docker('rm', '-f', run.name('vol-user'));
      docker('volume', 'rm', '-f', vol);
    }
  });
});
