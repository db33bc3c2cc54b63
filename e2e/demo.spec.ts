import { createContainer, docker, runContainer } from '../test/support/docker-cli';
import { expect, test } from './fixtures';
import { ContainersPage } from './pages/containers-page';

test.describe('the sandbox demo', () => {
  test('demo containers carry a chip, and one confirmed click removes them all; others stay', async ({ page, run }) => {
    // What scripts/sandbox.sh demo creates carries dockside.demo; these carry the test label too.
    const web = run.name('demo-web');
    const failed = run.name('demo-failed');
    const plain = run.name('plain');
    runContainer(run.label, web, ['--label', 'dockside.demo=1']);
    createContainer(run.label, failed, ['--label', 'dockside.demo=1']);
    runContainer(run.label, plain, []);

    const list = new ContainersPage(page);
    await list.goto(`?q=${run.run}`);
    await list.expectState(web, 'running');
    await expect(list.row(web).getByText('demo', { exact: true })).toBeVisible();
    await expect(list.row(failed).getByText('demo', { exact: true })).toBeVisible();
    await expect(list.row(plain).getByText('demo', { exact: true })).toHaveCount(0);

    await page.getByRole('button', { name: 'Remove demo containers…' }).click();
    await expect(list.dialog()).toContainText('Remove the demo containers?');
    await expect(list.dialog()).toContainText(web);
    await expect(list.dialog()).toContainText(failed);
    await expect(list.dialog()).not.toContainText(plain);
    await list.dialog().getByTestId('confirm').click();

    await expect(list.row(web)).toHaveCount(0);
    await expect(list.row(failed)).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: 'Removed 2 containers' })).toBeVisible();
    expect(docker('ps', '-aq', '--filter', 'label=dockside.demo')).toBe('');
    await list.expectState(plain, 'running');
    // No demo container left: the button goes.
    await expect(page.getByRole('button', { name: 'Remove demo containers…' })).toHaveCount(0);
  });
});
