import { docker, imageExists, removeImages } from '../test/support/docker-cli';
import { startRegistry, type TestRegistry } from '../test/support/registry';
import { expect, test } from './fixtures';

// The run form's image picker, pulling a missing image as a task (against a real registry), and the
// Advanced fields reaching the engine as the docker CLI would send them.
let registry: TestRegistry;
const pushed: string[] = [];

test.beforeAll(async () => {
  registry = await startRegistry();
});
test.afterAll(async () => {
  removeImages(pushed);
  await registry?.stop();
});

test.describe('run form: image', () => {
  test('the picker lists local images, is driven by the keyboard, and shows the image defaults as placeholders', async ({ page }) => {
    await page.goto('/containers/new');
    const image = page.getByRole('combobox', { name: 'Image' });
    await image.fill('dockside/w');
    const list = page.getByRole('listbox', { name: 'Images on this engine' });
    await expect(list).toBeVisible();
    await expect(list.getByRole('option')).toHaveText([/dockside\/web:latest/]);
    await image.press('Escape');
    await expect(list).toBeHidden();
    await image.press('ArrowDown');
    await expect(image).toHaveAttribute('aria-activedescendant', /opt-0$/);
    await image.press('Enter');
    await expect(image).toHaveValue('dockside/web:latest');
    await expect(list).toBeHidden();
    await expect(page.getByText(/On this engine: [0-9a-f]{12}/)).toBeVisible();
    // The image's CMD is the command's placeholder (dockside/web runs busybox httpd).
    await expect(page.getByLabel('Command and arguments')).toHaveAttribute('placeholder', /httpd/);
    // Any valid reference may be typed; an invalid one is refused by the shared grammar.
    await image.fill('Not An Image');
    await expect(page.getByText('An image reference cannot contain spaces.')).toBeVisible();
  });

  test('a missing image is pulled first, with progress, then the container is made and started', async ({ page, run }) => {
    const ref = `${registry.address}/${run.run}/web:v1`;
    pushed.push(ref);
    docker('tag', 'dockside/web', ref);
    docker('push', ref);
    docker('rmi', ref);
    expect(imageExists(ref)).toBe(false);

    const name = run.name('pulled');
    await page.goto('/containers/new');
    await page.getByRole('combobox', { name: 'Image' }).fill(ref);
    await expect(page.getByText(/Not on this engine: submitting pulls it first/)).toBeVisible();
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByRole('button', { name: '+ Label' }).click();
    await page.getByLabel('Label 1 key').fill('dockside.test');
    await page.getByLabel('Label 1 value').fill(run.run);
    // The pull of a small image ends quickly: note every moment its progress bar is in the form.
    await page.evaluate(() => {
      const w = window as unknown as { __pullBar: string[] };
      w.__pullBar = [];
      new MutationObserver(() => {
        const bar = document.querySelector('[data-testid="run-pull"] [role="progressbar"]');
        if (bar) w.__pullBar.push(bar.getAttribute('aria-valuetext') ?? '');
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await page.getByRole('button', { name: 'Create and start' }).click();
    await expect(page).toHaveURL(/\/containers\/[0-9a-f]{64}\/logs$/, { timeout: 60_000 });
    // The form showed the pull's progress (the same bar as the Tasks page) before going on.
    expect((await page.evaluate(() => (window as unknown as { __pullBar?: string[] }).__pullBar ?? [])).length).toBeGreaterThan(0);
    const c = JSON.parse(docker('inspect', name))[0];
    expect(c.State.Running).toBe(true);
    expect(c.Config.Image).toBe(ref);
    expect(imageExists(ref)).toBe(true);
  });

  test('a pull that fails shows its error at the image field and makes nothing', async ({ page, run }) => {
    const ref = `${registry.address}/${run.run}/not-there:v1`;
    const name = run.name('never');
    await page.goto('/containers/new');
    await page.getByRole('combobox', { name: 'Image' }).fill(ref);
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByRole('button', { name: 'Create and start' }).click();
    const image = page.getByRole('combobox', { name: 'Image' });
    await expect(image).toHaveAttribute('aria-invalid', 'true', { timeout: 60_000 });
    await expect(page.getByRole('alert').filter({ hasText: `Could not pull ${ref}` })).toBeVisible();
    expect(docker('ps', '-aq', '--filter', `name=^${name}$`)).toBe('');
    await expect(page.getByRole('button', { name: 'Create and start' })).toBeEnabled();
  });
});

test.describe('run form: advanced fields', () => {
  test('devices, DNS, hosts, stop signal and timeout and the health check reach the engine', async ({ page, run }) => {
    const name = run.name('adv');
    await page.goto('/containers/new?image=dockside/busybox');
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByRole('checkbox', { name: 'Start it (docker run)' }).uncheck();
    await page.getByRole('button', { name: '+ Label' }).click();
    await page.getByLabel('Label 1 key').fill('dockside.test');
    await page.getByLabel('Label 1 value').fill(run.run);
    const advanced = page.getByRole('button', { name: 'Show' });
    await expect(advanced).toHaveAttribute('aria-expanded', 'false');
    await advanced.click();
    await page.getByRole('button', { name: '+ Device' }).click();
    await page.getByLabel('Device 1 path on the host').fill('/dev/null');
    await page.getByLabel('Device 1 path in the container').fill('/dev/mynull');
    await page.getByLabel('Device 1 permissions').selectOption('rw');
    await page.getByRole('button', { name: '+ Host' }).click();
    await page.getByLabel('Host 1 name').fill('db');
    await page.getByLabel('Host 1 address').fill('10.0.0.5');
    await page.getByLabel('DNS servers (--dns, comma-separated)').fill('10.0.0.53');
    await page.getByLabel('DNS search domains (--dns-search)').fill('example.com');
    await page.getByLabel('DNS options (--dns-option)').fill('ndots:2');
    await page.getByLabel('Security options (--security-opt, comma-separated)').fill('no-new-privileges');
    await page.getByLabel('/dev/shm size (--shm-size)').fill('32m');
    await page.getByLabel('Stop signal (--stop-signal)').fill('SIGQUIT');
    await page.getByLabel('Stop timeout, seconds (--stop-timeout)').fill('5');
    await page.getByLabel('Health command (--health-cmd)').fill('test -e /tmp');
    await page.getByLabel('Interval (--health-interval)').fill('10s');
    await page.getByLabel('Timeout (--health-timeout)').fill('2s');
    await page.getByLabel('Start period (--health-start-period)').fill('5s');
    await page.getByLabel('Retries (--health-retries)').fill('4');
    await expect(page.getByTestId('run-line')).toContainText('--device /dev/null:/dev/mynull:rw --shm-size 32m --health-cmd');

    // A bad value is refused before anything is sent, next to its field.
    await page.getByLabel('MAC address (--mac-address)').fill('not-a-mac');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(page.getByText('A MAC address looks like 02:42:ac:11:00:02.')).toBeVisible();
    await page.getByLabel('MAC address (--mac-address)').fill('');

    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(page).toHaveURL(/\/containers\/[0-9a-f]{64}$/);
    const c = JSON.parse(docker('inspect', name))[0];
    docker('rm', name);
    expect(c.HostConfig.Devices).toEqual([{ PathOnHost: '/dev/null', PathInContainer: '/dev/mynull', CgroupPermissions: 'rw' }]);
    expect(c.HostConfig.ExtraHosts).toEqual(['db:10.0.0.5']);
    expect(c.HostConfig.Dns).toEqual(['10.0.0.53']);
    expect(c.HostConfig.DnsSearch).toEqual(['example.com']);
    expect(c.HostConfig.DnsOptions).toEqual(['ndots:2']);
    expect(c.HostConfig.SecurityOpt).toEqual(['no-new-privileges']);
    expect(c.HostConfig.ShmSize).toBe(32 * 1024 * 1024);
    expect(c.Config.StopSignal).toBe('SIGQUIT');
    expect(c.Config.StopTimeout).toBe(5);
    expect(c.Config.Healthcheck).toEqual({ Test: ['CMD-SHELL', 'test -e /tmp'], Interval: 10e9, Timeout: 2e9, StartPeriod: 5e9, Retries: 4 });
  });
});
