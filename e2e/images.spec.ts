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
      const row = page.locator(`[data-image-id="${id}"]`);
      await expect(row).toContainText(`${repo}:1`);

      await page.getByRole('tab', { name: /All \(-a\)/ }).click();
      await expect(page.getByTestId('none-explained')).toContainText('intermediate step of a build');

      await row.getByRole('link', { name: `${repo}:1` }).click();
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
});
