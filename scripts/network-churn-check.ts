/**
 * Checks that the test browser is out of Docker's network churn (see scripts/isolated-chromium.sh).
 *
 *   npx tsx scripts/network-churn-check.ts [--seconds=40] [--mode=both|plain|isolated]
 *
 * Starts a private sandbox engine, serves a small page from 127.0.0.1, and for each mode launches
 * Chromium (plain /usr/bin/chromium, then the isolated wrapper) whose page fetches in a loop (16
 * loops at once, more than Chromium's 6 connections per host, so requests queue for a connection as
 * they do while a page loads its scripts; each answer delayed 20 ms, one connection each) while containers are
 * started and removed in a loop on the engine, each on a network created for it and removed after it
 * (a bridge with an IPv4 address, a veth, IPv6 link-local addresses appear and vanish on the host: what
 * the integration tests and private engines do all the time). Prints, per mode, the fetches done and those Chromium aborted, by error text.
 * Exits 1 if the isolated browser saw any abort.
 */
import { execFile, execFileSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const execFileAsync = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const arg = (name: string, dflt: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
const seconds = Number(arg('seconds', '40'));
const mode = arg('mode', 'both');

const sandboxDir = `/tmp/dockside-churn-${process.pid}`;
const sandbox = (...args: string[]) =>
  execFileSync('bash', [path.join(root, 'scripts/sandbox.sh'), ...args], { env: { ...process.env, DOCKSIDE_SANDBOX_DIR: sandboxDir }, stdio: ['ignore', 'ignore', 'inherit'] });
const dockerHost = `unix://${sandboxDir}/docker.sock`;
const docker = (...args: string[]) => execFileAsync('docker', ['-H', dockerHost, ...args], { encoding: 'utf8' });
const LABEL = 'dockside.test=network-churn';

const page = `<!doctype html><title>churn</title><script>
window.counts = { ok: 0, failed: 0 };
window.run = async (ms) => {
  const until = Date.now() + ms;
  const loop = async () => {
    for (let i = 0; Date.now() < until; i++) {
      try { const r = await fetch('/data?' + Math.random()); await r.text(); window.counts.ok++; }
      catch { window.counts.failed++; }
    }
  };
  await Promise.all(Array.from({ length: 16 }, loop));
  return window.counts;
};
</script>`;

const server = http.createServer((req, res) => {
  if (req.url === '/') return void res.end(page);
  // A new connection per fetch: Chromium aborts connections being set up when the network changes.
  res.setHeader('Connection', 'close');
  setTimeout(() => res.end('x'.repeat(2048)), 20);
});

async function churn(stop: { done: boolean }): Promise<number> {
  let cycles = 0;
  while (!stop.done) {
    // A user-defined network is a bridge with an IPv4 address on the host; a container, a veth.
    const net = `dockside-churn-${cycles}`;
    await docker('network', 'create', '--label', LABEL, net);
    const { stdout } = await docker('run', '-d', '--label', LABEL, '--network', net, 'dockside/busybox', 'sleep', '60');
    await docker('rm', '-f', stdout.trim());
    await docker('network', 'rm', net);
    cycles++;
  }
  return cycles;
}

async function measure(which: 'plain' | 'isolated', port: number) {
  const browser = await chromium.launch({
    executablePath: which === 'plain' ? '/usr/bin/chromium' : path.join(root, 'scripts/isolated-chromium.sh'),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    env: { ...process.env, DOCKSIDE_BROWSER_PORTS: String(port) },
  });
  try {
    const p = await browser.newPage();
    const errors = new Map<string, number>();
    p.on('requestfailed', (r) => {
      const e = r.failure()?.errorText ?? '?';
      errors.set(e, (errors.get(e) ?? 0) + 1);
    });
    await p.goto(`http://localhost:${port}/`);
    const stop = { done: false };
    const churning = churn(stop);
    const counts = (await p.evaluate((ms) => (window as unknown as { run(ms: number): Promise<{ ok: number; failed: number }> }).run(ms), seconds * 1000)) as {
      ok: number;
      failed: number;
    };
    stop.done = true;
    const cycles = await churning;
    return { which, ...counts, cycles, errors: Object.fromEntries(errors) };
  } finally {
    await browser.close();
  }
}

async function main() {
  sandbox('start');
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const results = [];
  try {
    for (const which of ['plain', 'isolated'] as const) {
      if (mode !== 'both' && mode !== which) continue;
      const r = await measure(which, port);
      console.log(`${r.which}: ${r.ok} fetches completed, ${r.failed} aborted in ${seconds} s while ${r.cycles} containers (each on a new network) were started and removed; errors: ${JSON.stringify(r.errors)}`);
      results.push(r);
    }
  } finally {
    server.close();
    const ids = (await docker('ps', '-aq', '--filter', `label=${LABEL}`)).stdout.split('\n').filter(Boolean);
    if (ids.length) await docker('rm', '-f', ...ids);
    await docker('network', 'prune', '-f', '--filter', `label=${LABEL}`);
    sandbox('stop', '--purge');
  }
  if (results.some((r) => r.which === 'isolated' && r.failed > 0)) process.exit(1);
}

await main();
