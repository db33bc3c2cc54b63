import { runContainer } from '../test/support/docker-cli';
import { expect, test } from './fixtures';

test.describe('live streams', () => {
  test('logs: new lines arrive while you watch', async ({ page, run }) => {
    const name = run.name('ticker');
    runContainer(run.label, name, [], 'dockside/busybox', ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 0.2; done']);
    await page.goto(`/containers/${name}/logs`);
    const log = page.getByRole('log', { name: `Log output of ${name}` });
    await expect(log).toContainText('tick 1');
    // Lines written after the page opened show up without a reload.
    await expect(log).toContainText(/tick ([2-9]\d|\d{3,})/, { timeout: 20_000 });
  });

  test('terminal: type a command in a shell and see its output', async ({ page, run }) => {
    const name = run.name('shell');
    runContainer(run.label, name, []);
    await page.goto(`/containers/${name}/terminal`);
    const term = page.getByTestId('terminal');
    // The shell's prompt: the session is open and sh is reading input.
    await expect(term).toContainText('/ #');
    await term.click();
    // The output (42) differs from what was typed, so seeing it proves the shell ran the command.
    await page.keyboard.type('echo $((6*7)) && hostname\n');
    await expect(term).toContainText(/42/);
  });

  test('terminal: a program in the container cannot write to the clipboard (OSC 52)', async ({ page, context, run }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const name = run.name('osc52');
    runContainer(run.label, name, []);
    await page.goto(`/containers/${name}/terminal`);
    const term = page.getByTestId('terminal');
    await expect(term).toContainText('/ #');
    await page.evaluate(() => navigator.clipboard.writeText('mine'));
    await term.click();
    // OSC 52 "set clipboard" to base64("pwned"), then a marker to know the shell got that far.
    await page.keyboard.type("printf '\\033]52;c;cHduZWQ=\\a'; echo osc-$((1+1))\n");
    await expect(term).toContainText('osc-2');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('mine');
  });

  test('stats: the numbers change live', async ({ page, run }) => {
    const name = run.name('busy');
    runContainer(run.label, name, [], 'dockside/busybox', ['sh', '-c', 'while true; do :; done']);
    await page.goto(`/containers/${name}/stats`);
    const cpu = page.getByRole('region', { name: 'CPU' });
    await expect(cpu).toContainText('%', { timeout: 20_000 });
    const first = await cpu.textContent();
    await expect.poll(async () => cpu.textContent(), { timeout: 20_000 }).not.toBe(first);

    await page.goto('/stats');
    await expect(page.getByRole('table', { name: 'Container stats' })).toContainText(name, { timeout: 20_000 });
  });
});
