import path from 'node:path';
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3210);
export const e2eConfigDir = path.resolve(import.meta.dirname, 'test-results/e2e-config');

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  // One retry in CI, for one known cause outside Dockside: Chromium shares the host's network
  // namespace with the sandbox engine, and when Docker adds or removes a container's interfaces
  // Chromium may abort requests in flight with net::ERR_NETWORK_CHANGED (Chromium issue 41465264).
  // A CI trace showed exactly that: the page's Turbopack runtime script aborted, so the page never
  // hydrated. A retried test is reported as "flaky" with its trace kept, so it stays visible.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's chromium; never a downloaded browser.
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts/ },
    { name: 'chromium', dependencies: ['setup'], use: { browserName: 'chromium', storageState: 'test-results/e2e-state.json' } },
  ],
  webServer: {
    command: `node --import tsx server/main.ts --port ${PORT} --config-dir ${e2eConfigDir} --sandbox never`,
    url: `http://localhost:${PORT}/login`,
    env: { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...(process.env.DOCKSIDE_DIST_DIR ? { DOCKSIDE_DIST_DIR: process.env.DOCKSIDE_DIST_DIR } : {}) },
    reuseExistingServer: false,
    timeout: 90_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
