import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';

/**
 * The test browser runs in a network namespace of its own (scripts/isolated-chromium.sh), out of the
 * interface churn of Docker that aborts Chromium's requests. It reaches the host's loopback ports it
 * was given, as localhost and 127.0.0.1, and nothing else there: proof that it is not in the host's
 * namespace (where the other port would answer too).
 */
const servers: http.Server[] = [];
let given = 0;
let other = 0;
let browser: Browser;

async function serve(body: string): Promise<number> {
  const s = http.createServer((_req, res) => res.end(`<!doctype html><title>${body}</title><p>${body}</p>`));
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return (s.address() as AddressInfo).port;
}

beforeAll(async () => {
  given = await serve('given');
  other = await serve('other');
  browser = await launchChromium([given]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  for (const s of servers) s.close();
});

describe('the isolated test browser', () => {
  it('reaches the ports it was given, as localhost and 127.0.0.1', async () => {
    const page = await browser.newPage();
    for (const host of ['localhost', '127.0.0.1']) {
      await page.goto(`http://${host}:${given}/`);
      await expect(page.locator('p').textContent()).resolves.toBe('given');
    }
    await page.close();
  });

  it('does not see the host’s other loopback ports: it is in a namespace of its own', async () => {
    const page = await browser.newPage();
    // Answers from the host (this process), not from the browser's namespace.
    expect((await fetch(`http://127.0.0.1:${other}/`)).status).toBe(200);
    await expect(page.goto(`http://127.0.0.1:${other}/`)).rejects.toThrow(/ERR_CONNECTION_REFUSED/);
    await page.close();
  });
});
