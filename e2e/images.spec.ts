import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { docker, runContainer } from '../test/support/docker-cli';
import { expect, test } from './fixtures';

/** A classic build, so intermediate images exist. */
function build(tag: string, dockerfile: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dks-e2e-img-'));
  try {
    fs.writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
    execFileSync('docker', ['build', '-q', '-t', tag, dir], { env: { ...process.env, DOCKER_BUILDKIT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return docker('image', 'inspect', '--format', '{{.Id}}', tag);
}

test.describe('images', () => {
  test('browse images, see intermediates explained, read history, remove with the confirmation saying what it frees', async ({ page, run }) => {
    const repo = `dst-${run.run}-e2e`;
    const id = build(`${repo}:1`, `FROM dockside/busybox\nLABEL ${run.label}\nRUN echo hello > /hello.txt\nENV GREETING=hi\n`);
    try {
      await page.goto(`/images?q=${repo}`);
      const row = page.locator(`[data-image-id="${id}"]`).filter({ visible: true });
      await expect(row).toContainText(`${repo}:1`);
      // Run straight from its row (as Docker Desktop's list has it): the run form, filled with the image.
      await row.getByRole('link', { name: `Run ${repo}:1` }).click();
      await expect(page.getByRole('combobox', { name: 'Image' })).toHaveValue(`${repo}:1`);
      await page.goBack();
      await expect(row).toContainText(`${repo}:1`);

      await page.getByRole('tab', { name: /All \(-a\)/ }).click();
      await expect(page.getByTestId('none-explained')).toContainText('intermediate step of a build');
      // An untagged row's actions name it by its id ("Remove Image 1a2b3c4d5e6f"), not "<none>:<none>" on every such row.
      const parent = docker('image', 'inspect', '--format', '{{.Parent}}', id);
      const parentShort = parent.replace('sha256:', '').slice(0, 12);
      await page.goto(`/images?show=all&q=${parentShort}`);
      const parentRow = page.locator(`[data-image-id="${parent}"]`).filter({ visible: true });
      await expect(parentRow.getByRole('button', { name: `Remove Image ${parentShort}` })).toBeVisible();
      await expect(parentRow.getByRole('link', { name: `Run Image ${parentShort}` })).toBeVisible();
      await page.goto(`/images?q=${repo}`);

      await row.getByRole('link', { name: `${repo}:1`, exact: true }).click();
      await expect(page.getByRole('heading', { name: `${repo}:1` })).toBeVisible();
      // Push… and Save… start from this image; Run… opens the run form with it.
      await page.getByRole('button', { name: 'Push…' }).click();
      await expect(page.getByRole('dialog').getByLabel('Local image')).toHaveValue(`${repo}:1`);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toBeHidden();
      await page.getByRole('link', { name: 'Run…' }).click();
      await expect(page.getByRole('combobox', { name: 'Image' })).toHaveValue(`${repo}:1`);
      await page.goBack();
      await expect(page.getByRole('heading', { name: `${repo}:1` })).toBeVisible();
      await page.getByRole('link', { name: 'History' }).click();
      await expect(page.getByTestId('history-row').filter({ hasText: 'RUN echo hello > /hello.txt' })).toBeVisible();
      await expect(page.getByTestId('history-row').filter({ hasText: 'ENV GREETING=hi' })).toContainText('metadata');

      const ownLayer = Number(docker('history', '--human=false', '--format', '{{.Size}}', id).split('\n')[1]);
      await page.getByRole('button', { name: 'Remove…' }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog).toContainText('deletes');
      await expect(dialog.getByTestId('freed')).toHaveText(`${ownLayer} B`);
      await dialog.getByTestId('confirm').click();
      await expect(page).toHaveURL(/\/images$/);
      expect(docker('images', '-q', `${repo}:1`)).toBe('');
    } finally {
      try {
        docker('rmi', '-f', `${repo}:1`);
      } catch {
        // removed by the test
      }
    }
  });

  test('prune with a preview: dangling only, then all unused; exactly what the preview listed goes, and the list follows', async ({ page, run }) => {
    // Its own label, given to the dialog's label filter, so the prunes touch nothing but this test's images.
    const label = `dockside.prune=${run.run}`;
    const repo = `dst-${run.run}-prune`;
    const dockerfile = (n: string) => `FROM dockside/busybox\nLABEL ${run.label}\nLABEL ${label}\nRUN echo ${n} > /p.txt\n`;
    const mine = () => new Set(docker('images', '-aq', '--no-trunc', '--filter', `label=${label}`).split('\n').filter(Boolean));
    const user = run.name('prune-user');
    const dangling = build(`${repo}:d`, dockerfile('one'));
    const current = build(`${repo}:d`, dockerfile('two')); // the tag moves: the first build is left dangling
    const unused = build(`${repo}:u`, dockerfile('unused'));
    const used = build(`${repo}:used`, dockerfile('used'));
    runContainer(run.label, user, [], `${repo}:used`);
    try {
      expect(docker('images', '-q', '--no-trunc', '--filter', 'dangling=true', '--filter', `label=${label}`)).toBe(dangling);
      await page.goto(`/images?show=all&label=${encodeURIComponent(label)}`);
      await expect(page.locator(`[data-image-id="${dangling}"]`).filter({ visible: true })).toBeVisible();

      const prune = async (mode: RegExp) => {
        await page.getByRole('button', { name: 'Prune…' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByRole('radio', { name: mode }).check();
        await dialog.getByLabel(/Only images with the label/).fill(label);
        return dialog;
      };
      const previewIds = async (dialog: ReturnType<typeof page.getByRole>) => (await dialog.getByTestId('prune-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-image-id')))).sort();

      // dangling only: the image the tag moved away from; its parents stay (the new build is on them too)
      let dialog = await prune(/Dangling only/);
      await expect.poll(() => previewIds(dialog)).toEqual([dangling]);
      let reclaim = (await dialog.getByTestId('reclaim').textContent())!;
      const own = Number(docker('history', '--human=false', '--format', '{{.Size}}', dangling).split('\n')[0]);
      expect(reclaim).toBe(`${own} B`);
      let before = mine();
      await dialog.getByTestId('confirm').click();
      await expect(page.getByText(`Reclaimed ${reclaim}`)).toBeVisible();
      await expect(page.locator(`[data-image-id="${dangling}"]`).filter({ visible: true })).toHaveCount(0);
      let after = mine();
      expect([...before].filter((id) => !after.has(id)).sort()).toEqual([dangling]);

      // all unused: both tags no container uses; the used image and the parents it is built on stay
      dialog = await prune(/All unused/);
      const expected = [current, unused].sort();
      await expect.poll(() => previewIds(dialog)).toEqual(expected);
      await expect(dialog).toContainText('2 images will be deleted');
      reclaim = (await dialog.getByTestId('reclaim').textContent())!;
      before = mine();
      await dialog.getByTestId('confirm').click();
      await expect(page.getByText(`Reclaimed ${reclaim}`)).toBeVisible();
      for (const id of expected) await expect(page.locator(`[data-image-id="${id}"]`).filter({ visible: true })).toHaveCount(0);
      await expect(page.locator(`[data-image-id="${used}"]`).filter({ visible: true })).toBeVisible();
      after = mine();
      expect([...before].filter((id) => !after.has(id)).sort()).toEqual(expected);
      expect(after.has(used)).toBe(true);
    } finally {
      docker('rm', '-f', user);
      for (let round = 0; round < 4; round++) {
        const left = [...mine()];
        if (!left.length) break;
        for (const id of left) {
          try {
            docker('rmi', '-f', id);
          } catch {
            // a parent whose child goes later in this round
          }
        }
      }
    }
  });

  test("a container's Changes tab shows docker diff as a tree", async ({ page, run }) => {
    const name = run.name('diff');
    runContainer(run.label, name, [], 'dockside/busybox', ['sh', '-c', 'echo x > /added.txt; rm /bin/vi; sleep 3600']);
    await page.goto(`/containers/${name}/changes`);
    await page.getByRole('button', { name: 'Show changes' }).click();
    const summary = page.getByTestId('changes-summary');
    await expect(summary).toContainText(`${docker('diff', name).split('\n').length} changed paths`);
    await expect(page.getByRole('list', { name: 'Changed paths' })).toContainText('added.txt');
    await page.getByRole('button', { name: 'Expand /bin' }).click();
    await expect(page.getByRole('list', { name: 'Changed paths' })).toContainText('vi');
  });

  test('commit a container with a --change: the new image opens and says what its new layer holds', async ({ page, run }) => {
    const name = run.name('commit');
    const target = `dst-${run.run}-committed:v1`;
    runContainer(run.label, name, [], 'dockside/busybox', ['sh', '-c', 'echo made > /made.txt; sleep 3600']);
    try {
      await page.goto(`/containers/${name}`);
      await page.getByRole('button', { name: 'Commit…' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Repository[:tag]').fill(target);
      await dialog.getByRole('button', { name: '+ Add a change' }).click();
      await dialog.getByLabel('Change 1', { exact: true }).fill('RUN rm -rf /');
      await expect(dialog.getByTestId('confirm')).toBeDisabled();
      await dialog.getByLabel('Change 1', { exact: true }).fill(`LABEL ${run.label}`);
      await dialog.getByRole('button', { name: '+ Add a change' }).click();
      await dialog.getByLabel('Change 2', { exact: true }).fill('ENV MOOD=good');
      await dialog.getByTestId('confirm').click();
      await expect(page.getByTestId('commit-banner')).toContainText(`from container ${name}`);
      const id = docker('image', 'inspect', '--format', '{{.Id}}', target);
      // Awaited: the router writes the address bar after the commit that shows the new image's page.
      await expect(page).toHaveURL(new RegExp(id.slice(7)));
      expect(JSON.parse(docker('image', 'inspect', '--format', '{{json .Config.Env}}', target))).toContain('MOOD=good');
      await expect(page.getByTestId('layer-row')).toHaveCount(Number(docker('image', 'inspect', '--format', '{{len .RootFS.Layers}}', target)));
    } finally {
      try {
        docker('rmi', '-f', target);
      } catch {
        // the commit did not happen
      }
    }
  });

  test('the list follows the engine live: a tag made with the CLI appears, and goes', async ({ page, run }) => {
    const tag = `dst-${run.run}-live:1`;
    await page.goto(`/images?q=${encodeURIComponent(`dst-${run.run}-live`)}`);
    await expect(page.getByText('No images match')).toBeVisible();
    docker('tag', 'dockside/busybox', tag);
    try {
      await expect(page.locator('[data-image-id]').filter({ hasText: tag, visible: true })).toBeVisible();
    } finally {
      docker('rmi', tag);
    }
    await expect(page.getByText('No images match')).toBeVisible();
  });

  test('keyboard and mouse: / focuses the search, Enter on one match opens it; shift-click selects a range; a row opens its image; Ctrl+K finds an image', async ({ page, run }) => {
    const repo = `dst-${run.run}-kb`;
    // Three images apart (tags of one image share a row): a LABEL step each, newest last.
    const ids = [1, 2, 3].map((n) => build(`${repo}:${n}`, `FROM dockside/busybox\nLABEL ${run.label}\nLABEL n=${n}\n`));
    try {
      await page.goto(`/images?q=${repo}&sort=tags&dir=asc`);
      const box = (n: number) => page.locator(`[data-image-id="${ids[n - 1]}"]`).filter({ visible: true }).getByRole('checkbox');
      await expect(box(3)).toBeVisible();
      await box(1).click();
      await box(3).click({ modifiers: ['Shift'] });
      for (const n of [1, 2, 3]) await expect(box(n)).toBeChecked();
      await box(2).click();
      await box(1).click({ modifiers: ['Shift'] });
      for (const n of [1, 2, 3]) await expect(box(n)).toBeChecked({ checked: n === 3 });
      // A click anywhere else on a row opens its image, as on the containers list.
      await page.locator(`[data-image-id="${ids[0]}"]`).filter({ visible: true }).getByRole('cell').nth(3).click();
      await expect(page).toHaveURL(new RegExp(`/images/${ids[0]!.replace('sha256:', '')}`));
      await page.goBack();
      await expect(box(1)).toBeVisible();

      await page.getByRole('heading', { name: 'Images', exact: true }).click();
      await page.keyboard.press('/');
      const search = page.getByRole('searchbox', { name: 'Search images by tag, digest or id' });
      await expect(search).toBeFocused();
      await search.fill(`${repo}:2`);
      await expect(page.locator('[data-image-id]').filter({ visible: true })).toHaveCount(1);
      await search.press('Enter');
      await expect(page).toHaveURL(new RegExp(`/images/${ids[1]!.replace('sha256:', '')}`));
      await expect(page.getByRole('heading', { name: `${repo}:2` })).toBeVisible();

      // Ctrl+K finds an image by its tag.
      await page.keyboard.press('Control+k');
      await page.keyboard.type(`${repo}:3`);
      await page.getByTestId('command-palette').getByRole('option', { name: `${repo}:3`, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`/images/${ids[2]!.replace('sha256:', '')}`));
      await expect(page.getByRole('heading', { name: `${repo}:3` })).toBeVisible();
    } finally {
      docker('rmi', '-f', ...[1, 2, 3].map((n) => `${repo}:${n}`));
    }
  });

  test('the layer map shows an image, its stack and what removing it frees', async ({ page, run }) => {
    const tag = `dst-${run.run}-map:1`;
    const id = build(tag, `FROM dockside/busybox\nLABEL ${run.label}\nRUN echo map > /map.txt\n`);
    try {
      await page.goto('/images/map');
      await page.getByLabel('Find an image on the map').fill(tag);
      await page.getByRole('button', { name: new RegExp(tag) }).last().click();
      const details = page.getByTestId('image-details');
      await expect(details).toContainText(tag);
      const own = Number(docker('history', '--human=false', '--format', '{{.Size}}', id).split('\n')[0]);
      await expect(details).toContainText(`Removing it frees ${own} B`);
      // its base layer is the busybox layer every seeded image shares
      await page.locator('[data-layer]').first().click();
      await expect(page.getByTestId('layer-details')).toContainText('Used by');
    } finally {
      docker('rmi', '-f', tag);
    }
  });

  test("a container's Files tab lists and downloads a file as a tar", async ({ page, run }) => {
    const name = run.name('files');
    runContainer(run.label, name, [], 'dockside/busybox', ['sh', '-c', 'mkdir /data && echo 12345 > /data/f && ln -s /etc /data/link && sleep 3600']);
    await page.goto(`/containers/${name}/files`);
    await page.getByRole('button', { name: 'data/' }).click();
    await expect(page.getByTestId('file-row').filter({ hasText: 'link' })).toContainText('→ /etc');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download f' }).click()]);
    expect(download.suggestedFilename()).toBe('f.tar');
    const file = await download.path();
    expect(execFileSync('tar', ['xOf', file], { encoding: 'utf8' })).toBe('12345\n');
  });
});
