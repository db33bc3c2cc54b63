import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineInfo } from '../../lib/protocol/engines';
import { launchChromium, waitForAppAfterLoads } from '../support/browser';
import { TEST_LABEL, waitFor } from '../support/docker-cli';
import { startDockside, type RunningServer } from '../support/dockside-server';
import { connect, privateEngine } from '../reliability/support';

/**
 * The engine switcher, end to end: two private engines beside the default one (DOCKSIDE_ENGINES).
 * `GET /api/engines` reports each with its status, version and round-trip time; a person switches
 * engine by click and by URL and sees that engine's containers; engine B stopped shows as down on
 * B's pages and in the list while A keeps answering. Private engines, because one is stopped here.
 */
const a = privateEngine('switch-a');
const b = privateEngine('switch-b');
const LABEL = `${TEST_LABEL}=engine-switcher`;
const ON_A = 'dst-switcher-on-a';
const ON_B = 'dst-switcher-on-b';
let server: RunningServer;
let browser: Browser;
let page: Page;

const engines = async () => {
  const res = await server.api('/api/engines');
  expect(res.status).toBe(200);
  return (await res.json()) as EngineInfo[];
};
const byName = (list: EngineInfo[], name: string) => list.find((e) => e.name === name);
const row = (name: string) => page.getByRole('link', { name, exact: true });

beforeAll(async () => {
  // One after the other: each picks a free bridge subnet when it starts.
  await a.start();
  await b.start();
  a.docker('run', '-d', '--stop-timeout', '1', '--label', LABEL, '--name', ON_A, 'dockside/busybox', 'sleep', '3600');
  b.docker('run', '-d', '--stop-timeout', '1', '--label', LABEL, '--name', ON_B, 'dockside/busybox', 'sleep', '3600');
  server = await startDockside([], { DOCKSIDE_ENGINES: `a=${a.host},b=${b.host}` });
  browser = await launchChromium([server.port]);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  waitForAppAfterLoads(context);
  page = await context.newPage();
  await page.goto(`${server.url}/containers?token=${server.token}`);
  await page.waitForURL((u) => !u.search.includes('token'));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await Promise.allSettled([a.purge(), b.purge()]);
}, 120_000);

describe('engines and the switcher', () => {
  it('GET /api/engines reports every engine with status, version and round-trip time', async () => {
    const list = await engines();
    expect(list.map((e) => e.name)).toEqual(['default', 'a', 'b']);
    for (const name of ['a', 'b']) {
      const e = byName(list, name)!;
      expect(e).toMatchObject({ kind: 'docker', source: 'env', label: name === 'a' ? a.host : b.host, status: { reachable: true } });
      expect(e.status.version).toBe((name === 'a' ? a : b).docker('version', '--format', '{{.Server.Version}}'));
      expect(e.rttMs).toBeGreaterThanOrEqual(0);
    }
  });

  it("an events channel tells its own engine's status", async () => {
    const c = await connect(server);
    c.send({ op: 'open', ch: 7, kind: 'events', engine: 'b' });
    const status = await c.waitFrame((f) => f.ch === 7 && f.op === 'engine', "B's status on its events channel");
    expect(status.engine).toMatchObject({ name: 'b', reachable: true, endpoint: b.host });
    c.ws.close();
  });

  it('switches engine by click and by URL, and the engine stays in links, reloads and the address', { timeout: 120_000 }, async () => {
    await page.goto(`${server.url}/containers?engine=a`);
    await row(ON_A).waitFor();
    expect(await row(ON_B).count()).toBe(0);

    // By click: the switcher lists both engines as up; choosing B shows B's containers.
    await page.getByTestId('engine-switcher').click();
    await expect.poll(() => page.getByTestId('switch-engine-b').textContent(), { timeout: 30_000 }).toMatch(/up/);
    await page.getByTestId('switch-engine-b').click();
    await row(ON_B).waitFor();
    expect(await row(ON_A).count()).toBe(0);
    expect(await page.getByTestId('current-engine').textContent()).toBe('b');
    // Awaited, not read at once: the router writes the address bar in an effect after the commit that
    // shows B's rows, and Playwright learns of it from a later DevTools message (CI read 'a' here).
    await page.waitForURL((u) => u.searchParams.get('engine') === 'b');

    // A sidebar link keeps the engine, and so does a link that does not name it.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stats' }).click();
    await page.waitForURL((u) => u.pathname === '/stats');
    expect(new URL(page.url()).searchParams.get('engine')).toBe('b');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Containers' }).click();
    await row(ON_B).waitFor();

    // A reload, and the same link in a second tab, open the same engine.
    await page.reload();
    await row(ON_B).waitFor();
    const second = await page.context().newPage();
    await second.goto(page.url());
    await second.getByRole('link', { name: ON_B, exact: true }).waitFor();
    await second.close();

    // Back returns to the engine before the switch, the default one included (the switcher names it in the entry it leaves).
    await page.goto(`${server.url}/containers`);
    await page.getByTestId('engine-switcher').click();
    await page.getByTestId('switch-engine-b').click();
    await row(ON_B).waitFor();
    // B's rows commit before the router pushes B's entry (an effect after that commit): Back pressed in
    // between leaves the entry before this one (CI, under load, went back to an earlier ?engine=b page).
    await page.waitForURL((u) => u.searchParams.get('engine') === 'b');
    await page.goBack();
    await page.waitForURL((u) => u.searchParams.get('engine') === 'default');
    await expect.poll(() => page.getByTestId('current-engine').textContent(), { timeout: 15_000 }).toBe('default');
    expect(await row(ON_B).count()).toBe(0);

    // By URL.
    await page.goto(`${server.url}/containers?engine=a`);
    await row(ON_A).waitFor();
    expect(await row(ON_B).count()).toBe(0);
    expect(await page.getByTestId('current-engine').textContent()).toBe('a');
  });

  it('the engines page shows every engine with its containers', async () => {
    await page.goto(`${server.url}/engines`);
    for (const name of ['a', 'b']) {
      const card = page.getByTestId(`engine-card-${name}`);
      await expect.poll(() => card.getByTestId('engine-card-containers').textContent(), { timeout: 30_000 }).toBe('1 running / 1');
      expect(await card.getByTestId('engine-card-status').textContent()).toBe('up');
      const ids = new Set((name === 'a' ? a : b).docker('images', '-q', '--no-trunc').split('\n').filter(Boolean));
      await expect.poll(() => card.getByTestId('engine-card-images').textContent(), { timeout: 30_000 }).toBe(String(ids.size));
    }
  });

  it("B stopped shows as down on B's pages, the list and its card, while A keeps working", { timeout: 180_000 }, async () => {
    await page.goto(`${server.url}/containers?engine=b`);
    await row(ON_B).waitFor();
    await b.stop();
    // B's page says so (its events channel follows B).
    await page.getByTestId('engine-unreachable').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('engine-unreachable').textContent()).toMatch(/Engine b unreachable/);

    await waitFor(async () => byName(await engines(), 'b')?.status.reachable === false, 'B down in GET /api/engines', 60_000);
    const list = await engines();
    expect(byName(list, 'b')!.status.error).toBeTruthy();
    expect(byName(list, 'b')!.rttMs).toBeUndefined();
    expect(byName(list, 'a')!.status.reachable).toBe(true);
    expect((await server.api('/api/containers?engine=a')).status).toBe(200);

    // A's pages keep working, with no outage banner.
    await page.goto(`${server.url}/containers?engine=a`);
    await row(ON_A).waitFor();
    expect(await page.getByTestId('engine-unreachable').count()).toBe(0);

    // The engines page: B's card says down with the reason; A's card has its containers.
    await page.goto(`${server.url}/engines`);
    const cardB = page.getByTestId('engine-card-b');
    await expect.poll(() => cardB.getByTestId('engine-card-status').textContent(), { timeout: 60_000 }).toBe('down');
    await expect.poll(() => page.getByTestId('engine-card-a').getByTestId('engine-card-containers').textContent(), { timeout: 30_000 }).toBe('1 running / 1');
    expect(await page.getByTestId('engine-card-a').getByTestId('engine-card-status').textContent()).toBe('up');
  });

  it("B down shows in the switcher; when B returns, B's pages recover by themselves, live again, while A kept working", { timeout: 180_000 }, async () => {
    // B is down (stopped in the test above, or here when that one is run alone): its page says so, and so does the switcher.
    if (await b.answers()) await b.stop();
    await page.goto(`${server.url}/containers?engine=b`);
    await page.getByTestId('engine-unreachable').waitFor({ timeout: 60_000 });
    await page.getByTestId('engine-switcher').click();
    await expect.poll(() => page.getByTestId('switch-engine-b').textContent(), { timeout: 30_000 }).toMatch(/down/);
    await expect.poll(() => page.getByTestId('switch-engine-a').textContent(), { timeout: 30_000 }).toMatch(/up/);
    await page.keyboard.press('Escape');
    expect((await server.api('/api/containers?engine=a')).status).toBe(200);

    // B comes back: no reload, no click. The outage notice goes, and B's events stream reopens: a
    // container made on B now (the CLI on B) appears on the page that was open all along.
    await b.start();
    await page.getByTestId('engine-unreachable').waitFor({ state: 'detached', timeout: 60_000 });
    const BACK = 'dst-switcher-back-on-b';
    b.docker('run', '-d', '--stop-timeout', '1', '--label', LABEL, '--name', BACK, 'dockside/busybox', 'sleep', '3600');
    await row(BACK).waitFor({ timeout: 30_000 });
    await row(ON_B).waitFor();
    expect(await row(ON_A).count()).toBe(0);
    await page.getByTestId('engine-switcher').click();
    await expect.poll(() => page.getByTestId('switch-engine-b').textContent(), { timeout: 30_000 }).toMatch(/up/);
    await page.keyboard.press('Escape');
    expect(byName(await engines(), 'b')!.status.reachable).toBe(true);
  });
});
