import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, waitForAppAfterLoads } from '../support/browser';
import { TEST_LABEL } from '../support/docker-cli';
import { startDockside, type RunningServer } from '../support/dockside-server';
import { privateEngine } from '../reliability/support';

/**
 * Honest states while an engine is down (issue 18), in Chromium: a private engine (stopped and
 * started again here, so never the shared sandbox) beside the default one. With pages open on it,
 * the engine stops: the container rows stay as "last known" with their actions gone, the images,
 * volumes and networks pages say their lists are the last known ones and turn their actions off, and
 * pages opened while it is down say "unreachable" where they would otherwise claim emptiness. When
 * it is back, every page recovers by itself. Last, a list known to be empty (its one volume removed)
 * says "unreachable" when the engine stops again, not "No volumes".
 */
const d = privateEngine('down');
const LABEL = `${TEST_LABEL}=engine-down`;
const NAME = 'dst-engine-down-web';
const VOLUME = 'dst-engine-down-vol';
const NETWORK = 'dst-engine-down-net';
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;

const open = async (path: string): Promise<Page> => {
  const page = await context.newPage();
  await page.goto(`${server.url}${path}`);
  return page;
};

beforeAll(async () => {
  await d.start();
  // Comes back running when the engine does, so the recovered pages have something live to show.
  d.docker('run', '-d', '--stop-timeout', '1', '--restart', 'always', '--label', LABEL, '--name', NAME, 'dockside/busybox', 'sleep', '3600');
  d.docker('volume', 'create', '--label', LABEL, VOLUME);
  d.docker('network', 'create', '--label', LABEL, NETWORK);
  server = await startDockside([], { DOCKSIDE_ENGINES: `d=${d.host}` });
  browser = await launchChromium([server.port]);
  context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  waitForAppAfterLoads(context);
  const signIn = await context.newPage();
  await signIn.goto(`${server.url}/containers?token=${server.token}`);
  await signIn.waitForURL((u) => !u.search.includes('token'));
  await signIn.close();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await d.purge().catch(() => undefined);
}, 120_000);

describe('while an engine is down, and when it comes back', () => {
  it('marks what is stale, says "unreachable" instead of empty, and recovers by itself', { timeout: 300_000 }, async () => {
    const containers = await open('/containers?engine=d');
    const row = containers.getByRole('row').filter({ has: containers.getByRole('link', { name: NAME, exact: true }) });
    await row.waitFor();
    await row.getByRole('button', { name: `Stop ${NAME}` }).waitFor();
    const images = await open('/images?engine=d');
    const busybox = images.getByRole('row').filter({ hasText: 'dockside/busybox:latest' });
    await busybox.waitFor();
    expect(await busybox.getByRole('button', { name: /^Remove / }).isEnabled()).toBe(true);
    const stats = await open('/stats?engine=d');
    await stats.getByText(NAME).first().waitFor({ timeout: 60_000 });
    const busyboxId = d.docker('image', 'inspect', '-f', '{{.Id}}', 'dockside/busybox').trim().replace(/^sha256:/, '');
    const image = await open(`/images/${busyboxId}?engine=d`);
    await image.getByRole('button', { name: 'Tag…' }).waitFor();
    expect(await image.getByRole('button', { name: 'Tag…' }).isEnabled()).toBe(true);
    const volumes = await open('/volumes?engine=d');
    const volume = volumes.getByTestId(`volume-${VOLUME}`);
    await volume.waitFor();
    expect(await volume.getByRole('button', { name: 'Remove…' }).isEnabled()).toBe(true);
    const networks = await open('/networks?engine=d');
    const network = networks.getByTestId(`network-${NETWORK}`);
    await network.waitFor();
    expect(await network.getByRole('button', { name: 'Remove…' }).isEnabled()).toBe(true);

    await d.stop();

    // The open containers page: the same rows, dimmed as "last known", with no actions to press.
    await containers.getByTestId('stale-note').waitFor({ timeout: 60_000 });
    expect(await containers.getByRole('table', { name: 'Containers' }).getAttribute('data-stale')).toBe('true');
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toMatch(/last known/);
    expect(await row.getByRole('button', { name: `Stop ${NAME}` }).count()).toBe(0);
    expect(await containers.getByTestId('engine-unreachable').textContent()).toMatch(/Engine d unreachable/);

    // The open images page: still the list, said to be the last known one, with its actions off.
    await images.getByTestId('images-stale-note').waitFor({ timeout: 60_000 });
    expect(await busybox.getByRole('button', { name: /^Remove / }).isDisabled()).toBe(true);

    // The open volumes and networks pages: their lists said to be the last known ones, every action off.
    await volumes.getByTestId('volumes-stale-note').waitFor({ timeout: 60_000 });
    for (const name of ['+ New volume', 'Show sizes', 'Prune unused…']) expect(await volumes.getByRole('button', { name }).isDisabled()).toBe(true);
    for (const name of ['Browse', 'Remove…']) expect(await volume.getByRole('button', { name }).isDisabled()).toBe(true);
    // A search that leaves none still says the list is the last known one.
    const volumeSearch = volumes.getByRole('searchbox');
    await volumeSearch.fill('dst-matches-nothing');
    await volumes.getByText('No volumes match').waitFor();
    expect(await volumes.getByTestId('volumes-stale-note').isVisible()).toBe(true);
    await volumeSearch.fill('');
    await volume.waitFor();
    await networks.getByTestId('networks-stale-note').waitFor({ timeout: 60_000 });
    for (const name of ['+ New network', 'Prune unused…']) expect(await networks.getByRole('button', { name }).isDisabled()).toBe(true);
    for (const name of ['Connect…', 'Remove…']) expect(await network.getByRole('button', { name }).isDisabled()).toBe(true);
    // An image's page: its last known state, Tag, Remove, Push and Save off.
    await image.getByTestId('image-stale-note').waitFor({ timeout: 60_000 });
    for (const name of ['Tag…', 'Remove…', 'Push…', 'Save…']) expect(await image.getByRole('button', { name }).isDisabled()).toBe(true);
    // The images page's pull, build and the rest: none could run.
    expect(await images.getByRole('group', { name: 'Move images' }).getByRole('button', { name: 'Pull…' }).isDisabled()).toBe(true);

    // The open stats page, and pages opened now: "unreachable", never "no containers" / "no images".
    await stats.getByText('Engine unreachable').waitFor({ timeout: 60_000 });
    expect(await stats.getByText('No running containers').count()).toBe(0);
    const freshImages = await open('/images?engine=d');
    await freshImages.getByText('No Docker engine reachable').waitFor({ timeout: 60_000 });
    expect(await freshImages.getByText('No images yet').count()).toBe(0);
    const freshContainers = await open('/containers?engine=d');
    await freshContainers.getByText(/No Docker engine reachable|Engine unreachable/).first().waitFor({ timeout: 60_000 });
    expect(await freshContainers.getByText('No containers yet').count()).toBe(0);
    const freshVolumes = await open('/volumes?engine=d');
    await freshVolumes.getByText('No Docker engine reachable').waitFor({ timeout: 60_000 });
    expect(await freshVolumes.getByText('No volumes', { exact: true }).count()).toBe(0);
    const freshNetworks = await open('/networks?engine=d');
    await freshNetworks.getByText('No Docker engine reachable').waitFor({ timeout: 60_000 });

    await d.start();

    // Every page recovers by itself: no reload, no click.
    await containers.getByTestId('stale-note').waitFor({ state: 'detached', timeout: 120_000 });
    await row.getByRole('button', { name: `Stop ${NAME}` }).waitFor({ timeout: 60_000 });
    expect(await containers.getByTestId('engine-unreachable').count()).toBe(0);
    await images.getByTestId('images-stale-note').waitFor({ state: 'detached', timeout: 60_000 });
    await expect.poll(() => busybox.getByRole('button', { name: /^Remove / }).isEnabled(), { timeout: 30_000 }).toBe(true);
    await freshImages.getByRole('row').filter({ hasText: 'dockside/busybox:latest' }).waitFor({ timeout: 60_000 });
    await freshContainers.getByRole('link', { name: NAME, exact: true }).waitFor({ timeout: 60_000 });
    await freshVolumes.getByTestId(`volume-${VOLUME}`).waitFor({ timeout: 60_000 });
    await freshNetworks.getByTestId(`network-${NETWORK}`).waitFor({ timeout: 60_000 });
    await stats.getByText(NAME).first().waitFor({ timeout: 60_000 });
    expect(await stats.getByText('Engine unreachable').count()).toBe(0);
    await image.getByTestId('image-stale-note').waitFor({ state: 'detached', timeout: 60_000 });
    await expect.poll(() => image.getByRole('button', { name: 'Tag…' }).isEnabled(), { timeout: 30_000 }).toBe(true);
    await volumes.getByTestId('volumes-stale-note').waitFor({ state: 'detached', timeout: 60_000 });
    await expect.poll(() => volume.getByRole('button', { name: 'Remove…' }).isEnabled(), { timeout: 30_000 }).toBe(true);
    await networks.getByTestId('networks-stale-note').waitFor({ state: 'detached', timeout: 60_000 });
    await expect.poll(() => network.getByRole('button', { name: 'Remove…' }).isEnabled(), { timeout: 30_000 }).toBe(true);

    // A list whose last known state was empty: once the engine is gone nobody can tell what exists,
    // so the page says "unreachable", not "No volumes" (ListStates, the same on every list).
    d.docker('volume', 'rm', VOLUME);
    await volumes.getByText('No volumes', { exact: true }).waitFor({ timeout: 60_000 });
    await d.stop();
    await volumes.getByText('Engine unreachable', { exact: true }).waitFor({ timeout: 60_000 });
    expect(await volumes.getByRole('alert').filter({ has: volumes.getByRole('heading', { name: 'Engine unreachable', exact: true }) }).textContent()).toMatch(/The Docker engine at \S+ does not answer/);
    expect(await volumes.getByText('No volumes', { exact: true }).count()).toBe(0);
    expect(await volumes.getByRole('button', { name: '+ New volume' }).isDisabled()).toBe(true);
  });
});
