import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { docker, imageExists, removeImages } from '../test/support/docker-cli';
import { startRegistry, type TestRegistry } from '../test/support/registry';
import { expectAccessibleInBothThemes } from './axe';
import { expect, test } from './fixtures';

// A person moving images by clicking: pull with a bar that never goes back, build, push to a
// registry that needs a login, browse it, save and load, export and import. The engine and the
// registry are checked with the docker CLI and the registry's own API.
let open: TestRegistry;
let secured: TestRegistry;
let tmp: string;
const made: string[] = [];
const PASSWORD = `e2e-${Math.random().toString(36).slice(2)}`;

/** Records every value each progress bar takes (as drawn first, and on every change), to check none goes back. */
async function watchBars(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: Record<string, number[]> = {};
    (window as unknown as { __bars: typeof seen }).__bars = seen;
    const note = (el: Element) => {
      const v = el.getAttribute('aria-valuenow');
      if (v !== null) (seen[el.getAttribute('aria-label') ?? ''] ??= []).push(Number(v));
    };
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes') note(r.target as Element);
        for (const n of r.addedNodes) {
          if (!(n instanceof Element)) continue;
          if (n.matches('[role=progressbar]')) note(n);
          n.querySelectorAll('[role=progressbar]').forEach(note);
        }
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
  });
}

test.beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-e2e-moving-'));
  [open, secured] = await Promise.all([startRegistry(), startRegistry({ auth: { username: 'e2e', password: PASSWORD } })]);
});

test.afterAll(async () => {
  removeImages(made);
  await Promise.all([open?.stop(), secured?.stop()]);
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('pull from a registry: the bar reaches 100 % without going back, and the task survives navigation', async ({ page, run }) => {
  const ref = `${open.address}/${run.run}/busybox:v1`;
  made.push(ref);
  docker('tag', 'dockside/busybox', ref);
  docker('push', ref);
  docker('rmi', ref);
  await page.goto('/tasks');
  await watchBars(page);
  await page.getByRole('button', { name: 'Pull…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Pull an image' });
  await dialog.getByLabel('Image reference').fill(ref);
  await dialog.getByRole('button', { name: 'Pull', exact: true }).click();
  await expect(dialog.getByText(/Downloaded newer image|up to date/)).toBeVisible({ timeout: 30_000 });
  const all = await page.evaluate(() => (window as unknown as { __bars: Record<string, number[]> }).__bars);
  const values = Object.entries(all).find(([label]) => label === `pull ${ref}`)?.[1] ?? [];
  expect(values.at(-1)).toBe(100);
  for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]!);
  expect(imageExists(ref)).toBe(true);
  await dialog.getByRole('button', { name: 'Close' }).click();
  // Away and back: the task is still listed, with its result, from the server.
  await page.getByRole('link', { name: 'Containers' }).click();
  await expect(page).toHaveURL(/\/containers/);
  await page.goto('/tasks');
  const item = page.getByRole('list', { name: 'Tasks' }).getByRole('button').filter({ hasText: ref });
  await expect(item).toContainText('succeeded');
});

test('build from a Dockerfile written in the editor; the image runs', async ({ page, run }) => {
  const ref = `dst-${run.run}-e2e-built:v1`;
  made.push(ref);
  await page.goto('/tasks');
  await page.getByRole('button', { name: 'Build…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Build an image' });
  const editor = dialog.getByRole('textbox', { name: 'Dockerfile' });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('FROM dockside/busybox\nRUN echo "e2e-built" > /out.txt\nCMD ["cat", "/out.txt"]\n');
  await dialog.getByLabel('Tags (comma or space separated)').fill(ref);
  await dialog.getByLabel(`Labels (key=value per line)`).fill(`dockside.test=${run.run}`);
  await dialog.getByRole('button', { name: 'Build', exact: true }).click();
  await expect(dialog.getByText(`Built ${ref}`)).toBeVisible({ timeout: 60_000 });
  await expect(dialog.getByRole('list', { name: 'Build steps' })).toContainText('RUN echo "e2e-built" > /out.txt');
  expect(docker('run', '--rm', '--label', run.label, ref)).toBe('e2e-built');
});

test('build from an uploaded folder: .dockerignore leaves files out before anything is sent; executable bits as marked', async ({ page, run }) => {
  const dir = path.join(tmp, 'ctx');
  fs.mkdirSync(path.join(dir, 'app'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.dockerignore'), 'secret.txt\n');
  fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM dockside/busybox\nCOPY . /ctx\nCMD ["ls", "-A", "/ctx"]\n');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'never sent');
  fs.writeFileSync(path.join(dir, 'app', 'main.txt'), 'kept');
  fs.writeFileSync(path.join(dir, 'app', 'run.sh'), '#!/bin/sh\necho run\n');
  fs.writeFileSync(path.join(dir, 'app', 'tool'), 'no shebang, marked by hand');
  const ref = `dst-${run.run}-e2e-folder:v1`;
  made.push(ref);
  await page.goto('/tasks');
  await page.getByRole('button', { name: 'Build…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Build an image' });
  await dialog.getByRole('radio', { name: 'Upload a folder' }).click();
  await dialog.getByLabel(/^Folder/).setInputFiles(dir);
  // A browser gives no file modes: the script (#!) is marked executable for the user, who marks the other.
  const modes = dialog.getByRole('list', { name: 'Executable files' });
  await expect(modes.getByLabel('app/run.sh executable')).toBeChecked();
  await expect(modes.getByLabel('app/main.txt executable')).not.toBeChecked();
  await modes.getByLabel('app/tool executable').check();
  await expect(dialog.getByText('File modes: 2 executable (0755), the rest 0644')).toBeVisible();
  await dialog.getByLabel('Tags (comma or space separated)').fill(ref);
  await dialog.getByLabel('Labels (key=value per line)').fill(`dockside.test=${run.run}`);
  await dialog.getByRole('button', { name: /^(Build|Uploading)/ }).click();
  await expect(dialog.getByText(`Built ${ref}`)).toBeVisible({ timeout: 60_000 });
  expect(docker('run', '--rm', '--label', run.label, ref).split('\n').sort()).toEqual(['.dockerignore', 'Dockerfile', 'app']);
  expect(docker('run', '--rm', '--label', run.label, ref, 'stat', '-c', '%a %n', '/ctx/app/run.sh', '/ctx/app/tool', '/ctx/app/main.txt').split('\n')).toEqual(['755 /ctx/app/run.sh', '755 /ctx/app/tool', '644 /ctx/app/main.txt']);
});

test('push to a registry that needs a login, browse it, and delete by digest', async ({ page, run }) => {
  const ref = `${secured.address}/${run.run}/app:v1`;
  made.push(ref);
  await page.goto('/registries');
  await page.getByRole('button', { name: 'Add registry' }).click();
  const form = page.getByRole('form', { name: 'Add a registry' });
  await form.getByLabel('Address').fill(secured.address);
  await form.getByLabel('User name').fill('e2e');
  await form.getByLabel('Password or token').fill(PASSWORD);
  await form.getByRole('button', { name: 'Log in and save' }).click();
  const card = page.getByRole('list', { name: 'Registries' }).getByRole('listitem').filter({ hasText: secured.address });
  await expect(card).toContainText('Logged in as e2e');
  await expect(page.locator('body')).not.toContainText(PASSWORD);

  await page.getByRole('button', { name: 'Push…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Push an image' });
  await dialog.getByLabel('Local image').fill('dockside/busybox');
  await dialog.getByLabel('Push as').fill(ref);
  await dialog.getByRole('button', { name: 'Tag and push' }).click();
  await expect(dialog.getByText(/^Pushed /)).toBeVisible({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  // The registry has it (its own API, with the login).
  const auth = `Basic ${Buffer.from(`e2e:${PASSWORD}`).toString('base64')}`;
  const tags = (await (await fetch(`${secured.url}/v2/${run.run}/app/tags/list`, { headers: { Authorization: auth } })).json()) as { tags: string[] };
  expect(tags.tags).toEqual(['v1']);

  await card.getByRole('button', { name: 'Browse' }).click();
  const browser = page.getByRole('region', { name: `Browse ${secured.address}` });
  await browser.getByRole('list', { name: 'Repositories' }).getByRole('button', { name: `${run.run}/app` }).click();
  await browser.getByRole('list', { name: `Tags of ${run.run}/app` }).getByRole('button', { name: 'v1' }).click();
  const manifest = browser.getByRole('region', { name: `Manifest of ${run.run}/app:v1` });
  await expect(manifest).toContainText('sha256:');
  await manifest.getByRole('button', { name: 'Delete…' }).click();
  const confirm = page.getByRole('dialog', { name: /^Delete sha256:/ });
  await expect(confirm).toContainText('Tags that will go: v1');
  await expect(confirm).toContainText('garbage collection');
  await confirm.getByRole('button', { name: 'Delete the manifest and 1 tag' }).click();
  await expect(confirm).toBeHidden();
  const after = await fetch(`${secured.url}/v2/${run.run}/app/manifests/v1`, { method: 'HEAD', headers: { Authorization: auth, Accept: 'application/vnd.docker.distribution.manifest.v2+json' } });
  expect(after.status).toBe(404);
});

test('save an image, then load it back', async ({ page, run }) => {
  const ref = `dst-${run.run}-e2e-saved:v1`;
  made.push(ref);
  docker('tag', 'dockside/busybox', ref);
  await page.goto('/tasks');
  await page.getByRole('button', { name: 'Save…' }).click();
  const save = page.getByRole('dialog', { name: 'Save images to a file' });
  await save.getByLabel(/Images/).fill(ref);
  const download = page.waitForEvent('download');
  await save.getByRole('link', { name: 'Download .tar' }).click();
  const file = path.join(tmp, 'saved.tar');
  await (await download).saveAs(file);
  docker('rmi', ref);
  expect(imageExists(ref)).toBe(false);
  await page.getByRole('button', { name: 'Load…' }).click();
  const load = page.getByRole('dialog', { name: 'Load images from an archive' });
  await load.getByLabel(/Archive made by docker save/).setInputFiles(file);
  await load.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(load.getByText(`Loaded ${ref}`)).toBeVisible({ timeout: 30_000 });
  expect(imageExists(ref)).toBe(true);
});

test('export a container, then import it as a one-layer image', async ({ page, run }) => {
  const id = docker('create', '--label', run.label, '--name', run.name('e2e-exp'), 'dockside/busybox', 'true');
  await page.goto('/tasks');
  await page.getByRole('button', { name: 'Export…' }).click();
  const exp = page.getByRole('dialog', { name: "Export a container's filesystem" });
  await exp.getByLabel('Container (name or id)').fill(id.slice(0, 12));
  const download = page.waitForEvent('download');
  await exp.getByRole('link', { name: 'Download .tar' }).click();
  const file = path.join(tmp, 'export.tar');
  await (await download).saveAs(file);
  const ref = `dst-${run.run}-e2e-imported:v1`;
  made.push(ref);
  await page.getByRole('button', { name: 'Import…' }).click();
  const imp = page.getByRole('dialog', { name: 'Import a filesystem as an image' });
  await imp.getByLabel(/Filesystem archive/).setInputFiles(file);
  await imp.getByLabel('Repository:tag for the new image').fill(ref);
  await imp.getByLabel(/Changes/).fill('CMD ["echo", "e2e-imported"]');
  await imp.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(imp.getByText(/^Imported /)).toBeVisible({ timeout: 30_000 });
  expect(execFileSync('docker', ['run', '--rm', '--label', run.label, ref], { encoding: 'utf8' }).trim()).toBe('e2e-imported');
  expect(docker('image', 'inspect', '--format', '{{len .RootFS.Layers}}', ref)).toBe('1');
});

// axe in both themes: each page is loaded once and each dialog opened once, and checked in the
// dark theme and then, switched as the OS switch does, in the light one (e2e/axe.ts).
test('axe: the Tasks and Registries pages and their dialogs pass AA in both themes', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/tasks');
  await expect(page.getByRole('heading', { name: 'Tasks', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectAccessibleInBothThemes(page, '/tasks');
  for (const [button, title] of [
    ['Pull…', 'Pull an image'],
    ['Build…', 'Build an image'],
    ['Push…', 'Push an image'],
    ['Load…', 'Load images from an archive'],
    ['Import…', 'Import a filesystem as an image'],
  ] as const) {
    await page.getByRole('button', { name: button }).click();
    const dialog = page.getByRole('dialog', { name: title });
    await expect(dialog).toBeVisible();
    await page.waitForTimeout(300);
    await expectAccessibleInBothThemes(page, title);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }
  await page.goto('/registries');
  await expect(page.getByRole('heading', { name: 'Registries', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Add registry' }).click();
  await page.getByRole('button', { name: 'Browse' }).first().click();
  await page.waitForTimeout(300);
  await expectAccessibleInBothThemes(page, '/registries');
});
