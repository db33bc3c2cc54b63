import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, runContainer, waitFor } from '../support/docker-cli';
import { launchChromium, waitForAppAfterLoads } from '../support/browser';
import { startDockside, type RunningServer } from '../support/dockside-server';
import { engineFixture } from './support';

// Data from containers is hostile: labels, env and names render as text, never HTML. The CSP is
// checked in a real Chromium with the console watched: no violation may occur on any page, which
// also shows that the app works under it.
let server: RunningServer;
let fx: ReturnType<typeof engineFixture>;
let browser: Browser;
let hostile: string;
const PAYLOAD = '<img src=x onerror="window.__pwned=1;alert(1)">';

beforeAll(async () => {
  fx = engineFixture('sec-xss');
  hostile = fx.name('html');
  runContainer(fx.label, hostile, [
    '--label', `xss=${PAYLOAD}`,
    '--label', `<script>window.__pwned=2</script>=x`,
    '-e', 'HTML=<svg onload="window.__pwned=3;alert(3)">',
  ]);
  server = await startDockside();
  browser = await launchChromium([server.port]);
  // A freshly launched Chromium sets up fonts and its helper processes on its first page; doing it
  // here keeps that out of the first test's wait, so the waits below time only Dockside.
  const warm = await browser.newPage();
  await warm.setContent('<p>warm-up</p>');
  await warm.locator('p').waitFor();
  await warm.close();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fx?.cleanupAll();
});

interface Watch {
  page: Page;
  dialogs: string[];
  cspConsole: string[];
  pageErrors: string[];
  /** Every request the page made, with how it ended: says what a page stuck on "Loading…" waits for. */
  requests: string[];
  stillOpen: () => string[];
}

async function watchedPage(): Promise<Watch> {
  const context = await browser.newContext();
  waitForAppAfterLoads(context);
  const page = await context.newPage();
  const w: Watch = { page, dialogs: [], cspConsole: [], pageErrors: [], requests: [], stillOpen: () => [] };
  // Every request with how it ended, and those still open: what a page stuck on "Loading…" waits for.
  const started = Date.now();
  const open = new Map<object, string>();
  const note = (line: string) => w.requests.push(`+${Date.now() - started}ms ${line}`);
  page.on('request', (r) => open.set(r, `${r.method()} ${new URL(r.url()).pathname}`));
  page.on('requestfinished', (r) => {
    const what = open.get(r);
    open.delete(r);
    // The page may be closed by the time the response is asked for.
    r.response().then(
      (res) => note(`${what} → ${res?.status()}`),
      () => note(`${what} → finished`),
    );
  });
  page.on('requestfailed', (r) => {
    note(`${open.get(r)} failed: ${r.failure()?.errorText}`);
    open.delete(r);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') note(`console error: ${m.text().slice(0, 300)}`);
  });
  w.stillOpen = () => [...open.values()];
  // Runs before any page script on every navigation: collects CSP violations the page itself sees.
  await page.addInitScript(() => {
    const list: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = list;
    document.addEventListener('securitypolicyviolation', (e) => list.push(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
  });
  page.on('dialog', (d) => {
    w.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(m.text())) w.cspConsole.push(m.text());
  });
  page.on('pageerror', (e) => w.pageErrors.push(e.message));
  return w;
}

/** Waits for text on the page; on failure, says what the page showed instead. */
async function waitText(w: Watch, text: string): Promise<void> {
  try {
    await w.page.getByText(text, { exact: false }).first().waitFor({ timeout: 45_000 });
  } catch (err) {
    const body = await w.page.innerText('body').catch(() => '(no body)');
    // React marks the nodes it hydrated: tells "the page never ran" from "the page waits for data".
    const hydrated = await w.page
      .evaluate(() => Object.keys(document.querySelector('main') ?? document.body).some((k) => k.startsWith('__react')))
      .catch(() => 'unknown');
    throw new Error(`"${text}" did not appear on ${w.page.url()}: ${(err as Error).message}\npage text: ${body.slice(0, 1500)}\npage errors: ${w.pageErrors.join('; ')}\nhydrated: ${hydrated}\nrequests: ${w.requests.join('\n  ')}\nstill open: ${w.stillOpen().join(', ')}\nserver said: ${server.output().slice(-2000)}`);
  }
}

async function expectClean(w: Watch, where: string) {
  const state = await w.page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    csp: (window as unknown as { __csp?: string[] }).__csp ?? [],
    injectedImgs: document.querySelectorAll('img[src="x"], svg[onload], script:not([src]):not([nonce])').length,
  }));
  expect(state.pwned, `${where}: window.__pwned`).toBeUndefined();
  expect(state.injectedImgs, `${where}: injected elements`).toBe(0);
  expect(state.csp, `${where}: CSP violations seen by the page`).toEqual([]);
  expect(w.cspConsole, `${where}: CSP messages in the console`).toEqual([]);
  expect(w.dialogs, `${where}: dialogs`).toEqual([]);
}

// No retry: Chromium runs in a network namespace of its own (scripts/isolated-chromium.sh), so Docker
// changing the host's interfaces no longer aborts its requests (net::ERR_NETWORK_CHANGED).
describe('in Chromium', () => {
  it('signs in through the link and leaves no token in the address bar', async () => {
    const w = await watchedPage();
    await w.page.goto(`${server.url}/containers?token=${server.token}`);
    await waitText(w, hostile);
    expect(w.page.url()).toBe(`${server.url}/containers`);
    expect(w.page.url()).not.toContain(server.token);
    const cookies = await w.page.context().cookies();
    expect(cookies.find((c) => c.name === 'dockside_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: false });
    expect(await w.page.evaluate(() => document.cookie)).toBe(''); // HttpOnly: scripts cannot read it
    await expectClean(w, '/containers');
    await w.page.context().close();
  });

  it('renders an HTML label and env as text on every container page, with no CSP violation', async () => {
    const w = await watchedPage();
    await w.page.goto(`${server.url}/?token=${server.token}`);
    await w.page.waitForURL((u) => !u.search.includes('token'));

    await w.page.goto(`${server.url}/containers`);
    await waitText(w, hostile);
    await expectClean(w, 'containers list');

    await w.page.goto(`${server.url}/containers/${hostile}`);
    await waitText(w, PAYLOAD);
    await expectClean(w, 'container overview');

    await w.page.goto(`${server.url}/containers/${hostile}/inspect`);
    await waitText(w, 'window.__pwned=3');
    await expectClean(w, 'container inspect');

    await w.page.goto(`${server.url}/audit`);
    await w.page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await expectClean(w, 'audit log');

    await w.page.goto(`${server.url}/login`);
    await w.page.getByRole('button', { name: /sign in/i }).waitFor();
    await expectClean(w, 'login');
    await w.page.context().close();
  });

  it('renders hostile image labels and commit messages as text on the images pages, with no CSP violation', async () => {
    const tag = `${fx.name('img')}:1`;
    const id = docker('commit', '--change', `LABEL xss='${PAYLOAD}'`, '--change', `LABEL ${fx.label}`, '-m', 'HTML=<svg onload="window.__pwned=4;alert(4)">', hostile, tag);
    try {
      const w = await watchedPage();
      await w.page.goto(`${server.url}/?token=${server.token}`);
      await w.page.waitForURL((u) => !u.search.includes('token'));

      await w.page.goto(`${server.url}/images?q=${encodeURIComponent(tag)}`);
      await w.page.getByLabel('Labels').check();
      await waitText(w, PAYLOAD);
      await expectClean(w, 'images list');

      await w.page.goto(`${server.url}/images/${id.replace(/^sha256:/, '')}`);
      await waitText(w, PAYLOAD);
      await expectClean(w, 'image overview');

      await w.page.goto(`${server.url}/images/${id.replace(/^sha256:/, '')}?tab=history`);
      await waitText(w, 'window.__pwned=4');
      await expectClean(w, 'image history');

      await w.page.goto(`${server.url}/images/map`);
      await w.page.getByRole('heading', { name: 'Layer map' }).waitFor();
      await expectClean(w, 'layer map');
      await w.page.context().close();
    } finally {
      docker('rmi', '-f', tag);
    }
  });

  it('refuses to be framed and the API refuses a cross-origin page’s requests', async () => {
    const w = await watchedPage();
    // An attacker page on another origin (a data: URL is an opaque origin) frames Dockside and posts to it.
    await w.page.goto(`${server.url}/?token=${server.token}`);
    await w.page.goto(
      'data:text/html,' +
        encodeURIComponent(`<iframe id=f src="${server.url}/containers"></iframe><script>
          window.results = [];
          fetch("${server.url}/api/containers/${hostile}/actions", { method: "POST", credentials: "include", headers: { "content-type": "text/plain" }, body: '{"action":"stop"}' })
            .then(r => results.push("fetch " + r.status), e => results.push("fetch blocked"));
        </script>`),
    );
    await w.page.waitForFunction(() => (window as unknown as { results: string[] }).results.length > 0);
    // frame-ancestors 'none' (and X-Frame-Options: DENY): Chromium replaces the frame with its error page.
    await waitFor(() => w.page.frames().some((f) => f.url().startsWith('chrome-error://')), 'the frame to be refused');
    expect(w.page.frames().map((f) => f.url())).not.toContain(`${server.url}/containers`);
    expect(await w.page.evaluate(() => (window as unknown as { results: string[] }).results)).toEqual(['fetch blocked']);
    expect(docker('inspect', '--format', '{{.State.Running}}', hostile)).toBe('true');
    await w.page.context().close();
  });
});
