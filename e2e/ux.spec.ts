import type { Locator, Page } from '@playwright/test';
import { createContainer, docker, runContainer } from '../test/support/docker-cli';
import { expectAccessible, expectAccessibleInBothThemes, themes } from './axe';
import { expect, test } from './fixtures';
import { ContainersPage } from './pages/containers-page';

/**
 * Everyday UX (issue 18): axe AA in both themes over every page and dialog, row actions inside the
 * viewport at every width, keyboard paths, honest states, Compose projects, notifications.
 */

const widths = [1440, 1280, 1024, 768, 390] as const;

/** The page is drawn and live (hydrated, list loaded). */
async function ready(page: Page) {
  await expect(page.locator('main#main')).toBeVisible();
  await expect(page.getByText('Loading containers…')).toHaveCount(0);
}

/**
 * The window made `width` px wide, on the page as it is: the layout follows without a reload (CSS
 * media and container queries; the tables' fitted columns from a ResizeObserver). Returns once the
 * page has seen the new size and drawn two frames since (the observers have run, and React's render
 * for them). Each check below also waits for what it measures to stop moving (settledBox).
 */
async function resize(page: Page, width: number) {
  await page.setViewportSize({ width, height: 800 });
  await page.waitForFunction((w) => window.innerWidth === w, width);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** `what`'s box once it is visible and has stayed where it is for 100 ms (the layout has settled after a resize). */
async function settledBox(what: Locator) {
  await expect(what).toBeVisible();
  let box: Awaited<ReturnType<Locator['boundingBox']>> = null;
  let last = '';
  await expect
    .poll(
      async () => {
        box = await what.boundingBox();
        const seen = JSON.stringify(box);
        const still = box !== null && seen === last;
        last = seen;
        return still;
      },
      { intervals: [100] },
    )
    .toBe(true);
  return box!;
}

test.describe('ux', () => {
  // axe in both themes: each page is loaded once and each dialog opened once, and checked in one
  // theme, then switched (as the OS switch does) and checked in the other (e2e/axe.ts). The
  // container list and its dialogs start in the dark theme, the other pages in the light one, so
  // the first paint's theme (the boot script) is checked for both.
  test('axe: the container list and its dialogs pass AA in both themes', async ({ page, run }) => {
    test.setTimeout(120_000);
    const name = run.name('axe-list');
    runContainer(run.label, name, ['-e', 'DB_PASSWORD=hunter2']);
    createContainer(run.label, run.name('axe-list-stopped'));
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`/containers?q=${run.run}-axe-list`);
    await ready(page);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expectAccessibleInBothThemes(page, '/containers');

    // Dialogs on the list: stop (one), remove (many), prune, palette, shortcuts, the bell.
    const list = new ContainersPage(page);
    await list.rowAction(name, 'Stop');
    await expect(list.dialog()).toBeVisible();
    await expectAccessibleInBothThemes(page, 'stop dialog');
    await page.keyboard.press('Escape');
    await page.getByRole('checkbox', { name: 'Select all shown containers' }).check();
    await page.getByRole('toolbar', { name: 'Bulk actions' }).getByRole('button', { name: /Remove/ }).click();
    await expect(list.dialog()).toContainText('These containers');
    await expectAccessibleInBothThemes(page, 'bulk remove dialog');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Clear selection' }).click();
    await page.getByRole('button', { name: 'Prune stopped…' }).click();
    await expect(list.dialog()).toBeVisible();
    await expectAccessibleInBothThemes(page, 'prune dialog');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+k');
    await expect(page.getByTestId('command-palette')).toBeVisible();
    // Its input keeps its height however long the list below it is (a long one once squeezed it to 17 px).
    await expect.poll(() => page.getByRole('combobox', { name: 'Command palette' }).evaluate((el) => el.getBoundingClientRect().height)).toBe(48);
    await expectAccessibleInBothThemes(page, 'command palette');
    await page.keyboard.press('Escape');
    await page.locator('main#main').focus();
    await page.keyboard.press('?');
    await expect(page.getByTestId('shortcuts')).toBeVisible();
    await expectAccessibleInBothThemes(page, 'shortcut list');
    await page.keyboard.press('Escape');
    await page.getByTestId('alerts-bell').click();
    await expect(page.getByRole('region', { name: 'Notifications' })).toBeVisible();
    await expectAccessibleInBothThemes(page, 'notifications');
    await page.keyboard.press('Escape');
  });

  test("axe: a container's pages, stats, audit, not-found, engines, the switcher and sign-in pass AA in both themes", async ({ page, run, browser, baseURL }) => {
    test.setTimeout(120_000);
    const name = run.name('axe-detail');
    runContainer(run.label, name, ['-e', 'DB_PASSWORD=hunter2']);
    await page.emulateMedia({ colorScheme: 'light' });
    for (const section of ['', '/logs', '/stats', '/terminal', '/processes', '/inspect']) {
      await page.goto(`/containers/${name}${section}`);
      await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
      if (section === '') await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
      if (section === '/logs') await expect(page.getByRole('log')).toBeVisible();
      if (section === '/terminal') await expect(page.getByTestId('terminal-leave-hint')).toBeVisible();
      await page.waitForTimeout(300);
      await expectAccessibleInBothThemes(page, `/containers/${name}${section}`);
    }
    for (const path of ['/stats', '/audit', '/no-such-page']) {
      await page.goto(path);
      await expect(page.locator('main#main h1, main#main h2').first()).toBeVisible();
      await expectAccessibleInBothThemes(page, path);
    }
    // The engines page and the engine switcher open.
    await page.goto('/engines');
    await expect(page.getByTestId('engine-card-default').getByTestId('engine-card-status')).toHaveText('up');
    await expectAccessibleInBothThemes(page, '/engines');
    await page.getByTestId('engine-switcher').click();
    await expect(page.getByTestId('switch-engine-default')).toContainText('up');
    await expectAccessibleInBothThemes(page, 'engine switcher');
    await page.keyboard.press('Escape');
    // The sign-in page, signed out. It has no theme switch to follow the OS live: loaded in each.
    const ctx = await browser.newContext({ baseURL });
    const login = await ctx.newPage();
    for (const theme of themes) {
      await login.emulateMedia({ colorScheme: theme });
      await login.goto('/login');
      await expect(login.getByLabel(/Access token/)).toBeVisible();
      await expect(login.locator('html')).toHaveAttribute('data-theme', theme);
      await expectAccessible(login, `${theme} /login`);
    }
    await ctx.close();
  });

  // Each page is loaded once and the window resized under it, from the widest to the narrowest.
  test("axe: images, an image's tabs, the layer map, volumes, networks, the run form, the engine page and a container's changes and files pass AA in both themes", async ({ page, run }) => {
    test.setTimeout(180_000);
    const name = run.name('axe-more');
    const vol = run.name('axe-vol');
    docker('volume', 'create', '--label', run.label, vol);
    try {
      runContainer(run.label, name, ['-v', `${vol}:/data`], 'dockside/busybox', ['sh', '-c', 'echo hi > /data/note.txt && echo changed > /etc/motd && sleep 3600']);
      const busybox = docker('image', 'inspect', '--format', '{{.Id}}', 'dockside/busybox');
      /** Opens a dialog with `opener`, checks it in both themes, and closes it with Escape. */
      const dialog = async (opener: Locator, what: string) => {
        await opener.click();
        await expect(page.getByRole('dialog')).toBeVisible();
        await page.waitForTimeout(300);
        await expectAccessibleInBothThemes(page, what);
        await page.keyboard.press('Escape');
        await expect(page.getByRole('dialog')).toBeHidden();
      };
      await page.emulateMedia({ colorScheme: 'light' });

      await page.goto('/images?q=dockside/busybox');
      const row = page.locator(`[data-image-id="${busybox}"]`).filter({ visible: true });
      await expect(row).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
      await expectAccessibleInBothThemes(page, '/images');
      await dialog(row.getByRole('button', { name: 'Tag dockside/busybox:latest' }), 'tag dialog');
      await dialog(row.getByRole('button', { name: 'Remove dockside/busybox:latest' }), 'image remove dialog');
      await dialog(page.getByRole('button', { name: 'Prune…' }), 'image prune dialog');
      await dialog(page.getByRole('button', { name: 'Save…' }), 'save dialog');

      for (const tab of ['Overview', 'History', 'Layers', 'Containers', 'Inspect']) {
        await page.goto(`/images/${busybox.replace('sha256:', '')}`);
        await page.getByRole('navigation', { name: 'Image sections' }).getByRole('link', { name: new RegExp(`^${tab}`) }).click();
        await expect(page.getByRole('heading', { name: 'dockside/busybox:latest' })).toBeVisible();
        await page.waitForTimeout(300);
        await expectAccessibleInBothThemes(page, `image ${tab}`);
      }

      await page.goto('/images/map');
      await expect(page.getByRole('heading', { name: 'Layer map' })).toBeVisible();
      await expect(page.getByText('dockside/busybox:latest').first()).toBeVisible();
      await expectAccessibleInBothThemes(page, '/images/map');

      await page.goto('/volumes');
      await expect(page.getByTestId(`volume-${vol}`)).toContainText(name);
      await expectAccessibleInBothThemes(page, '/volumes');
      await dialog(page.getByRole('button', { name: '+ New volume' }), 'new volume dialog');
      await dialog(page.getByTestId(`volume-${vol}`).getByRole('button', { name: 'Browse' }), 'volume browser');

      await page.goto('/networks');
      await expect(page.getByRole('heading', { name: 'Networks', exact: true })).toBeVisible();
      await expect(page.getByTestId('network-bridge')).toBeVisible();
      await expectAccessibleInBothThemes(page, '/networks');
      await dialog(page.getByRole('button', { name: '+ New network' }), 'new network dialog');
      await dialog(page.getByTestId('network-bridge').getByRole('button', { name: 'Connect…' }), 'connect dialog');

      await page.goto('/containers/new');
      await expect(page.getByRole('heading', { name: 'New container' })).toBeVisible();
      await page.waitForTimeout(300);
      await expectAccessibleInBothThemes(page, '/containers/new');

      await page.goto('/engine');
      await expect(page.getByRole('heading', { level: 1, name: 'Engine', exact: true })).toBeVisible();
      await expect(page.getByText('Storage driver')).toBeVisible();
      await expectAccessibleInBothThemes(page, '/engine');

      await page.goto(`/containers/${name}/changes`);
      await page.getByRole('button', { name: 'Show changes' }).click();
      await expect(page.getByText(/^\d+ changed paths/)).toBeVisible();
      await expectAccessibleInBothThemes(page, `/containers/${name}/changes`);
      await page.goto(`/containers/${name}/files`);
      await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
      await expect(page.getByText('etc').first()).toBeVisible();
      await expectAccessibleInBothThemes(page, `/containers/${name}/files`);
      await dialog(page.getByRole('button', { name: 'Commit…' }), 'commit dialog');
    } finally {
      docker('rm', '-f', name);
      docker('volume', 'rm', '-f', vol);
    }
  });

  test('row actions stay inside the viewport at every width; the sidebar folds away', async ({ page, run }) => {
    const names = [run.name('w-running'), run.name('w-created')];
    runContainer(run.label, names[0]!, ['-p', '127.0.0.1::80'], 'dockside/web', []);
    createContainer(run.label, names[1]!);
    const list = new ContainersPage(page);
    await page.setViewportSize({ width: widths[0], height: 800 });
    await list.goto(`?q=${run.run}-w-`);
    for (const width of widths) {
      await resize(page, width);
      for (const n of names) {
        const box = await settledBox(list.row(n).getByRole('button', { name: `More actions for ${n}` }));
        expect(box.x + box.width, `${n}'s actions at ${width} px`).toBeLessThanOrEqual(width);
        expect(box.x).toBeGreaterThanOrEqual(0);
      }
      await page.screenshot({ path: `test-results/ux-widths/containers-${width}.png` });
      if (width < 640) {
        await expect(page.getByTestId('sidebar')).toBeHidden();
        await page.getByTestId('menu-button').click();
        await expect(page.getByTestId('sidebar')).toBeVisible();
        await page.keyboard.press('Escape');
        await expect(page.getByTestId('sidebar')).toBeHidden();
        await expect(page.getByTestId('menu-button')).toBeFocused();
      }
    }
    // A page loaded at the narrowest width lays itself out from its first render, not from a resize:
    // the server-rendered rows and the first measurement of the fitted columns.
    await list.goto(`?q=${run.run}-w-`);
    for (const n of names) {
      const box = await settledBox(list.row(n).getByRole('button', { name: `More actions for ${n}` }));
      expect(box.x + box.width, `${n}'s actions loaded at ${widths.at(-1)} px`).toBeLessThanOrEqual(widths.at(-1)!);
      expect(box.x).toBeGreaterThanOrEqual(0);
    }
    await expect(page.getByTestId('sidebar')).toBeHidden();
    // The images table too: its low-priority columns go first, Tag and Remove never.
    await page.setViewportSize({ width: widths[0], height: 800 });
    await page.goto(`/images?q=dockside/busybox`);
    for (const width of widths) {
      await resize(page, width);
      const rbox = await settledBox(page.getByRole('button', { name: 'Remove dockside/busybox:latest' }));
      expect(rbox.x + rbox.width, `the images table's actions at ${width} px`).toBeLessThanOrEqual(width);
      // Run leads the row actions where there is room for it; on a phone it is on the image's page.
      const runLink = page.getByRole('link', { name: 'Run dockside/busybox:latest' });
      if (width >= 768) expect((await settledBox(runLink)).x, `Run on the row at ${width} px`).toBeGreaterThanOrEqual(0);
      else await expect(runLink).toHaveCount(0);
      await page.screenshot({ path: `test-results/ux-widths/images-${width}.png` });
    }
  });

  test("volumes, networks, a container's files and an image's history and layers fit the window at every width", async ({ page, run }) => {
    const vol = run.name('w-vol');
    const net = run.name('w-net');
    const user = run.name('w-vuser');
    docker('volume', 'create', '--label', run.label, vol);
    docker('network', 'create', '--label', run.label, net);
    /** Inside the window once the layout has settled: its right edge not past the width, its left edge not before 0. */
    const onScreen = async (what: Locator, width: number, name: string) => {
      const box = await settledBox(what);
      expect(box.x + box.width, `${name} at ${width} px`).toBeLessThanOrEqual(width);
      expect(box.x, `${name} at ${width} px`).toBeGreaterThanOrEqual(0);
    };
    const image = (JSON.parse(docker('image', 'inspect', 'dockside/busybox'))[0].Id as string).replace('sha256:', '');
    /** Loads `path` at the widest width, then runs `check` at each width, widest first, resizing the window under the page. */
    const atEveryWidth = async (path: string, check: (width: number) => Promise<void>) => {
      await page.setViewportSize({ width: widths[0], height: 800 });
      await page.goto(path);
      for (const width of widths) {
        await resize(page, width);
        await check(width);
      }
    };
    try {
      runContainer(run.label, user, ['-v', `${vol}:/data`, '--network', net]);
      await atEveryWidth('/volumes', async (width) => {
        const volume = page.getByTestId(`volume-${vol}`);
        await onScreen(volume.getByRole('button', { name: 'Browse' }), width, "the volume's Browse");
        await onScreen(volume.getByRole('button', { name: 'Remove…' }), width, "the volume's Remove");
        // Who uses it stays on the row, in its column or folded under the name.
        await expect(volume.getByRole('link', { name: user })).toBeVisible();
        await page.screenshot({ path: `test-results/ux-widths/volumes-${width}.png` });
      });
      await atEveryWidth('/networks', async (width) => {
        await onScreen(page.getByTestId(`network-${net}`).getByRole('button', { name: 'Connect…' }), width, "the network's Connect");
        await onScreen(page.getByRole('button', { name: `Disconnect ${user} from ${net}` }), width, 'Disconnect');
        await page.screenshot({ path: `test-results/ux-widths/networks-${width}.png` });
      });
      await atEveryWidth(`/containers/${user}/files`, async (width) => {
        await onScreen(page.getByRole('link', { name: 'Download bin' }), width, "a file's Download");
      });
      // Tables without row actions still fit: no sideways scrolling to reach a step's image or a layer's sharers.
      for (const [tab, table] of [['history', 'Image history'], ['layers', 'Image layers']] as const) {
        await atEveryWidth(`/images/${image}?tab=${tab}`, async (width) => {
          await settledBox(page.getByRole('table', { name: table }));
          const [scroll, client] = await page.getByRole('table', { name: table }).evaluate((t) => [t.parentElement!.scrollWidth, t.parentElement!.clientWidth]);
          expect(scroll, `the ${table} table at ${width} px`).toBeLessThanOrEqual(client!);
        });
      }
    } finally {
      docker('rm', '-f', user);
      docker('network', 'rm', net);
      docker('volume', 'rm', vol);
    }
  });

  test('keyboard: skip link, palette, ? list, Enter on one match, shift-click range, focus after actions', async ({ page, run }) => {
    const names = ['a', 'b', 'c', 'd'].map((s) => run.name(`kb-${s}`));
    for (const n of names) runContainer(run.label, n, []);
    const list = new ContainersPage(page);
    await list.goto(`?q=${run.run}-kb&sort=name&dir=asc`);
    await ready(page);

    // Skip link is the first Tab stop and lands in <main>.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('main#main')).toBeFocused();

    // Shift-click selects the range; the bulk bar does not move the rows.
    const before = (await list.row(names[2]!).boundingBox())!.y;
    await list.row(names[0]!).getByRole('checkbox').click();
    await list.row(names[2]!).getByRole('checkbox').click({ modifiers: ['Shift'] });
    const bar = page.getByRole('toolbar', { name: 'Bulk actions' });
    await expect(bar).toContainText('3 containers selected');
    expect((await list.row(names[2]!).boundingBox())!.y).toBe(before);
    // Only what applies to three running containers, in the plural.
    await expect(bar.getByRole('button', { name: /^Start/ })).toHaveCount(0);
    await expect(bar.getByRole('button', { name: /Stop/ })).toBeVisible();
    await bar.getByRole('button', { name: 'Clear selection' }).click();

    // Escape from a dialog opened from the ⋯ menu returns focus to the menu button.
    await list.rowAction(names[3]!, 'Rename');
    await expect(list.dialog()).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(list.row(names[3]!).getByRole('button', { name: `More actions for ${names[3]}` })).toBeFocused();

    // Confirming a row action: focus is somewhere meaningful, not <body>.
    await list.rowAction(names[3]!, 'Restart');
    await list.dialog().getByLabel('Timeout in seconds').fill('0');
    await list.dialog().getByTestId('confirm').click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');

    // Ctrl+K: type a name, Enter opens it.
    await page.keyboard.press('Control+k');
    await page.keyboard.type(names[1]!);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/containers/${names[1]}$`));
    await expect(page).toHaveTitle(`${names[1]} — Dockside`);

    // ? lists the shortcuts.
    await page.locator('main#main').focus();
    await page.keyboard.press('?');
    await expect(page.getByTestId('shortcuts')).toContainText('Ctrl');
    await page.keyboard.press('Escape');

    // Enter in the search with exactly one match opens it.
    await list.goto(`?q=${run.run}-kb`);
    await expect(list.row(names[2]!)).toBeVisible();
    await list.search().fill(names[2]!);
    await expect(list.row(names[0]!)).toHaveCount(0);
    await list.search().press('Enter');
    await expect(page).toHaveURL(new RegExp(`/containers/${names[2]}$`));

    // A whole row is clickable, not only the name.
    await list.goto(`?q=${names[0]}`);
    const row = list.row(names[0]!);
    const rbox = (await row.boundingBox())!;
    await page.mouse.click(rbox.x + rbox.width * 0.45, rbox.y + rbox.height / 2);
    await expect(page).toHaveURL(new RegExp(`/containers/${names[0]}$`));
  });

  test('a dialog opened again right after it closed stays open', async ({ page }) => {
    // The browser fires a dialog's close event in a task of its own after close(); a click can run
    // before it (CI once saw the network Connect dialog close itself this way). Here Cancel closes the
    // dialog and, in the same task, before that event, "Connect…" opens it again.
    await page.goto('/networks');
    const connect = page.getByTestId('network-bridge').getByRole('button', { name: 'Connect…' });
    await connect.click();
    await expect(page.getByRole('dialog')).toBeVisible();
    const seen = await page.evaluate(
      () =>
        new Promise<{ reopenedBeforeCloseEvent: boolean; openAfterCloseEvent: boolean }>((resolve) => {
          const dialog = document.querySelector('dialog[open]') as HTMLDialogElement;
          const buttons = (sel: string) => [...document.querySelectorAll<HTMLButtonElement>(sel)];
          const reopen = buttons('[data-testid="network-bridge"] button').find((b) => b.textContent?.includes('Connect'))!;
          let reopenedBeforeCloseEvent = false;
          new MutationObserver((_, observer) => {
            observer.disconnect();
            reopen.click();
            // React renders the click in a microtask queued before this one.
            queueMicrotask(() => (reopenedBeforeCloseEvent = dialog.open));
          }).observe(dialog, { attributeFilter: ['open'] });
          dialog.addEventListener('close', () => requestAnimationFrame(() => resolve({ reopenedBeforeCloseEvent, openAfterCloseEvent: dialog.open })), { once: true });
          buttons('dialog[open] button').find((b) => b.textContent === 'Cancel')!.click();
        }),
    );
    expect(seen).toEqual({ reopenedBeforeCloseEvent: true, openAfterCloseEvent: true });
    await expect(page.getByRole('dialog').getByLabel('Container')).toBeVisible();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
  });

  test('the theme choice is kept in a cookie and rendered by the server; one kept in localStorage before is moved to it', async ({ page, context }) => {
    const themeCookie = async () => (await context.cookies()).find((c) => c.name === 'dockside_theme')?.value;
    /** The page as the server sends it: the theme is in its <html> before any script runs. */
    const servedTheme = async () => / data-theme="(\w+)"/.exec(/<html[^>]*>/.exec(await (await page.request.get('/volumes')).text())![0])?.[1];
    const toggle = page.getByTestId('theme-toggle');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/volumes');
    await expect(toggle).toHaveAccessibleName(/^Theme: System\./);
    expect(await servedTheme()).toBeUndefined();

    await toggle.click();
    await expect(toggle).toHaveAccessibleName(/^Theme: Light\./);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    expect(await themeCookie()).toBe('light');
    expect(await servedTheme()).toBe('light');
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect(toggle).toHaveAccessibleName(/^Theme: Light\./);

    // Light → Dark → System: the cookie goes, and the page follows the system again.
    await toggle.click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await toggle.click();
    await expect(toggle).toHaveAccessibleName(/^Theme: System\./);
    expect(await themeCookie()).toBeUndefined();
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');

    // A choice from before the cookie (localStorage) is shown, applied and moved to the cookie.
    await page.evaluate(() => localStorage.setItem('dockside.theme', 'dark'));
    await page.reload();
    await expect(toggle).toHaveAccessibleName(/^Theme: Dark\./);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await themeCookie()).toBe('dark');
    expect(await page.evaluate(() => localStorage.getItem('dockside.theme'))).toBeNull();
  });

  test('terminal: Ctrl+] then Tab leaves it; Logs: Ctrl+F focuses the log search; titles name the page', async ({ page, run }) => {
    const name = run.name('term');
    const id = runContainer(run.label, name, []);
    await page.goto(`/containers/${name}/terminal`);
    await expect(page.getByText('Running', { exact: true })).toBeVisible({ timeout: 20_000 });
    const input = page.locator('.xterm-helper-textarea');
    await input.focus();
    await page.keyboard.press('Tab');
    await expect(input).toBeFocused(); // Tab belongs to the shell.
    await page.keyboard.press('Control+]');
    await expect(page.getByTestId('terminal-leave-hint')).toContainText('Press Tab');
    await page.keyboard.press('Tab');
    await expect(input).not.toBeFocused();
    await expect.poll(() => page.evaluate(() => !!document.activeElement && document.activeElement !== document.body && !document.activeElement.closest('.xterm'))).toBe(true);
    await expect(page).toHaveTitle(`${name} · Terminal — Dockside`);

    // Opened by id (as a link from elsewhere does), the title names the container, and stays so once
    // the server's metadata has streamed in; an image's page is titled by its tag.
    await page.goto(`/containers/${id.slice(0, 12)}/processes`);
    await expect(page.getByRole('heading', { name })).toBeVisible();
    await expect(page).toHaveTitle(`${name} · Processes — Dockside`);
    await page.goto(`/containers/${id}`);
    await expect(page.getByRole('heading', { name })).toBeVisible();
    await expect(page).toHaveTitle(`${name} — Dockside`);
    // React writing the streamed "<id>" title after the page set the name (a race, seen on a fresh server).
    await page.evaluate((t) => (document.querySelector('head title')!.textContent = t), `${id} — Dockside`);
    await expect(page).toHaveTitle(`${name} — Dockside`);
    const imageId = docker('image', 'inspect', '--format', '{{.Id}}', 'dockside/web').replace(/^sha256:/, '');
    await page.goto(`/images/${imageId}`);
    await expect(page).toHaveTitle('dockside/web:latest — Dockside');

    await page.goto(`/containers/${name}/logs`);
    await expect(page).toHaveTitle(`${name} · Logs — Dockside`);
    // The viewer (and its Ctrl+F) mounts a frame after the page's header.
    await expect(page.getByRole('log')).toBeVisible();
    await page.getByRole('link', { name: 'Overview' }).focus();
    await page.keyboard.press('Control+f');
    await expect(page.getByRole('searchbox', { name: 'Search the log' })).toBeFocused();
  });

  test('honest states: unknown paths inside the shell, a container removed elsewhere, secrets masked', async ({ page, run }) => {
    await page.goto('/images-that-do-not-exist');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeAttached();
    await expect(page).toHaveTitle('Page not found — Dockside');

    const name = run.name('gone');
    runContainer(run.label, name, ['-e', 'DB_PASSWORD=hunter2', '-e', 'PLAIN=visible']);
    await page.goto(`/containers/${name}`);
    await expect(page.getByText('visible', { exact: true })).toBeVisible();
    await expect(page.getByText('hunter2')).toHaveCount(0);
    await page.getByRole('button', { name: 'Reveal DB_PASSWORD' }).click();
    await expect(page.getByText('hunter2')).toBeVisible();

    docker('rm', '-f', name);
    await expect(page.getByTestId('removed-note')).toContainText('removed outside Dockside', { timeout: 15_000 });
    await expect(page.getByTestId('state')).toHaveAttribute('data-state', 'removed');

    // Removed through Dockside (here by another tab of the same session): the audit log says by whom.
    const other = run.name('gone-by-tab');
    runContainer(run.label, other, []);
    await page.goto(`/containers/${other}`);
    await expect(page.getByTestId('state')).toHaveAttribute('data-state', 'running');
    const tab = await page.context().newPage();
    await tab.goto(`/containers?q=${other}`);
    await new ContainersPage(tab).rowAction(other, 'Remove');
    await tab.getByLabel(/Force/).check();
    await tab.getByTestId('confirm').click();
    await tab.close();
    await expect(page.getByTestId('removed-note')).toContainText('by Browser session', { timeout: 15_000 });
  });

  test('compose projects: grouped with counts, collapsible, filter in the URL, project actions', async ({ page, run }) => {
    const project = `dst-${run.run}-proj`;
    const compose = (svc: string) => ['--label', `com.docker.compose.project=${project}`, '--label', `com.docker.compose.service=${svc}`];
    const web = run.name('proj-web');
    const db = run.name('proj-db');
    runContainer(run.label, web, compose('web'));
    createContainer(run.label, db, compose('db'));
    const loner = run.name('proj-loner');
    runContainer(run.label, loner, []);

    const list = new ContainersPage(page);
    await list.goto(`?q=${run.run}-proj`);
    const group = page.locator(`[data-project="${project}"]`);
    await expect(group.getByTestId('project-counts')).toHaveText('2 · 1 running, 1 stopped');
    await group.getByRole('button', { name: `Collapse Compose project ${project}` }).click();
    await expect(list.row(web)).toHaveCount(0);
    await expect(list.row(loner)).toHaveCount(1);
    await group.getByRole('button', { name: `Expand Compose project ${project}` }).click();
    await expect(list.row(web)).toHaveCount(1);

    // Search by compose service; the project filter lives in the URL.
    await list.goto(`?project=${project}`);
    await expect(list.row(web)).toHaveCount(1);
    await expect(list.row(loner)).toHaveCount(0);

    // Project-level start: only the stopped one is started.
    await group.getByRole('button', { name: `Actions for Compose project ${project}` }).click();
    await page.getByRole('menuitem', { name: 'Start 1 container', exact: true }).click();
    await list.expectState(db, 'running');
  });

  test('notifications: a container that dies unexpectedly raises a toast and lands in the bell', async ({ page, run }) => {
    const list = new ContainersPage(page);
    await list.goto(`?q=${run.run}-crash`);
    await ready(page);
    const name = run.name('crash');
    runContainer(run.label, name, [], 'dockside/busybox', ['sh', '-c', 'sleep 1; exit 3']);
    await expect(page.getByRole('alert').filter({ hasText: `${name} exited with code 3` })).toBeVisible({ timeout: 20_000 });
    await page.getByTestId('alerts-bell').click();
    await expect(page.getByRole('region', { name: 'Notifications' })).toContainText(`${name} exited with code 3`);
  });
});
