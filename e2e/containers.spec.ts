import { createContainer, docker, inspectState, runContainer } from '../test/support/docker-cli';
import { expect, test } from './fixtures';
import { ContainersPage } from './pages/containers-page';

test.describe('containers', () => {
  test('start, stop and remove a container by clicking; the engine agrees', async ({ page, run }) => {
    const name = run.name('click');
    const id = createContainer(run.label, name);
    const list = new ContainersPage(page);
    // Scoped to this run's containers, so rows others create meanwhile do not shift ours.
    await list.goto(`?q=${run.run}`);
    await list.expectState(name, 'created');

    await list.rowAction(name, 'Start');
    await list.expectState(name, 'running');
    expect(inspectState(id).Running).toBe(true);
    await expect(page.getByRole('status').filter({ hasText: `Started ${name}` })).toBeVisible();

    await list.rowAction(name, 'Stop');
    await expect(list.dialog()).toContainText(`Stop ${name}?`);
    await list.dialog().getByLabel('Timeout in seconds').fill('1');
    await list.dialog().getByTestId('confirm').click();
    await list.expectState(name, 'exited');
    expect(inspectState(id).Status).toBe('exited');

    await list.rowAction(name, 'Remove');
    await expect(list.dialog()).toContainText('cannot be undone');
    await list.dialog().getByTestId('confirm').click();
    await expect(list.row(name)).toHaveCount(0);
    expect(docker('ps', '-aq', '--filter', `id=${id}`)).toBe('');
  });

  test('a container started outside Dockside appears live, without reload', async ({ page, run }) => {
    const list = new ContainersPage(page);
    await list.goto(`?q=${run.run}`);
    const name = run.name('outside');
    runContainer(run.label, name, []);
    await list.expectState(name, 'running');
    docker('pause', name);
    await list.expectState(name, 'paused');
    docker('rm', '-f', name);
    await expect(list.row(name)).toHaveCount(0);
  });

  test('filter by status and search; the URL keeps the filter', async ({ page, run }) => {
    const up = run.name('filter-up');
    const down = run.name('filter-down');
    runContainer(run.label, up, []);
    createContainer(run.label, down);
    const list = new ContainersPage(page);
    await list.goto();
    await list.search().fill(run.run);
    await expect(list.row(up)).toBeVisible();
    await expect(list.row(down)).toBeVisible();

    await page.getByRole('group', { name: 'Filter by status' }).getByRole('button', { name: /^Running/ }).click();
    await expect(list.row(up)).toBeVisible();
    await expect(list.row(down)).toHaveCount(0);
    await expect(page).toHaveURL(/status=running/);
    await expect(page).toHaveURL(new RegExp(`q=${run.run}`));

    await page.reload();
    await expect(list.search()).toHaveValue(run.run);
    await expect(list.row(up)).toBeVisible();
    await expect(list.row(down)).toHaveCount(0);

    await page.getByRole('group', { name: 'Filter by status' }).getByRole('button', { name: /^Created/ }).click();
    await expect(list.row(down)).toBeVisible();
    await expect(list.row(up)).toHaveCount(0);

    await list.search().fill('no-container-is-called-this');
    await expect(page.getByText('No containers match')).toBeVisible();
  });

  test('filter by label as docker ps --filter label= does, combined with the other filters, kept in the URL', async ({ page, run }) => {
    const web = run.name('label-web');
    const db = run.name('label-db');
    const plain = run.name('label-plain');
    runContainer(run.label, web, ['--label', 'tier=web']);
    createContainer(run.label, db, ['--label', 'tier=db']);
    createContainer(run.label, plain, ['--label', 'other=tier=web']);
    const oracle = (...filters: string[]) =>
      docker('ps', '-a', '--filter', `label=${run.label}`, ...filters.flatMap((f) => ['--filter', `label=${f}`]), '--format', '{{.Names}}').split('\n').filter(Boolean).sort();
    const list = new ContainersPage(page);
    const shown = async (names: string[]) => {
      for (const n of [web, db, plain]) {
        if (names.includes(n)) await expect(list.row(n)).toBeVisible();
        else await expect(list.row(n)).toHaveCount(0);
      }
    };
    const labelBox = page.getByRole('textbox', { name: /Filter by label/ });

    // From the URL (the page is rendered with it): the key alone matches any value.
    await list.goto(`?q=${run.run}&label=tier`);
    await expect(labelBox).toHaveValue('tier');
    expect(oracle('tier')).toEqual([db, web].sort());
    await shown([web, db]);

    // key=value: exactly that value, and the URL follows.
    await labelBox.fill('tier=web');
    expect(oracle('tier=web')).toEqual([web]);
    await shown([web]);
    await expect(page).toHaveURL(/label=tier%3Dweb/);

    // Combined with the status filter.
    await labelBox.fill('tier');
    await page.getByRole('group', { name: 'Filter by status' }).getByRole('button', { name: /^Created/ }).click();
    await shown([db]);
    await expect(page).toHaveURL(/status=created/);
    await expect(page).toHaveURL(/label=tier(&|$)/);
    await page.reload();
    await expect(labelBox).toHaveValue('tier');
    await shown([db]);

    // A filter without a key is refused with a reason, and matches nothing.
    await page.getByRole('group', { name: 'Filter by status' }).getByRole('button', { name: /^All/ }).click();
    await labelBox.fill('=web');
    await expect(page.getByRole('alert').filter({ hasText: 'needs a key' })).toBeVisible();
    await expect(page.getByText('No containers match')).toBeVisible();
    await labelBox.fill('');
    await shown([web, db, plain]);
  });

  test('bulk stop a selection, with one progress toast and the result', async ({ page, run }) => {
    const names = [run.name('bulk-a'), run.name('bulk-b')];
    for (const n of names) runContainer(run.label, n, []);
    const list = new ContainersPage(page);
    await list.goto(`?q=${run.run}-bulk`);
    await page.getByRole('checkbox', { name: 'Select all shown containers' }).check();
    await page.getByRole('toolbar', { name: 'Bulk actions' }).getByRole('button', { name: /Stop/ }).click();
    await list.dialog().getByLabel('Timeout in seconds').fill('0');
    await list.dialog().getByTestId('confirm').click();
    for (const n of names) await list.expectState(n, 'exited');
    await expect(page.getByRole('status').filter({ hasText: 'Stopped 2 containers' })).toBeVisible();
  });

  test('an action the engine refuses shows its error and leaves the container as it was', async ({ page, run }) => {
    const a = run.name('taken');
    const b = run.name('renamer');
    runContainer(run.label, a, []);
    runContainer(run.label, b, []);
    const list = new ContainersPage(page);
    await list.goto(`?q=${run.run}`);
    await list.rowAction(b, 'Rename');
    await list.dialog().getByLabel('New name').fill(a);
    await list.dialog().getByTestId('confirm').click();
    await expect(page.getByRole('alert').filter({ hasText: `Could not rename ${b}` })).toBeVisible();
    expect(docker('inspect', '--format', '{{.Name}}', b)).toBe(`/${b}`);
  });

  test('container names and labels are shown as text, never run as HTML', async ({ page, run }) => {
    const name = run.name('xss');
    runContainer(run.label, name, ['--label', 'evil=<img src=x onerror="window.__pwned=1">']);
    await page.goto(`/containers/${name}`);
    await expect(page.getByText('<img src=x onerror="window.__pwned=1">')).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });
});

test.describe('container detail', () => {
  test('overview, processes and inspect', async ({ page, run }) => {
    const name = run.name('detail');
    runContainer(run.label, name, ['-e', 'MODE=test', '-p', '127.0.0.1::80'], 'dockside/web', []);
    const hostPort = docker('port', name, '80/tcp').split(':').pop();
    await page.goto('/containers');
    await page.getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('heading', { name })).toBeVisible();
    await expect(page.getByTestId('port-list')).toContainText(`80/tcp -> 127.0.0.1:${hostPort}`);
    await expect(page.getByText('MODE')).toBeVisible();
    const link = page.getByRole('link', { name: `${hostPort}:80` }).first();
    await expect(link).toHaveAttribute('href', `http://127.0.0.1:${hostPort}/`);

    await page.getByRole('link', { name: 'Processes' }).click();
    await expect(page.getByRole('table', { name: 'Processes' })).toContainText('httpd');

    await page.getByRole('link', { name: 'Inspect' }).click();
    await expect(page.getByRole('button', { name: 'Copy JSON' })).toBeVisible();
    await expect(page.getByText('"Id"')).toBeVisible();
  });

  test('a removed container says so', async ({ page }) => {
    await page.goto('/containers/dockside-never-existed');
    await expect(page.getByText('This container no longer exists')).toBeVisible();
  });
});
