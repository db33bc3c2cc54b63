import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, ISOLATED_CHROMIUM, isolatedChromiumEnv } from './test/support/browser';
import { serverNodeFlags } from './test/support/dockside-server';

const PORT = Number(process.env.E2E_PORT ?? 3210);
export const e2eConfigDir = path.resolve(import.meta.dirname, 'test-results/e2e-config');

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  // No retries: a test that fails once fails the run. Chromium runs in a network namespace of its own
  // (scripts/isolated-chromium.sh, below), so Docker adding and removing interfaces on the host no
  // longer aborts its requests with net::ERR_NETWORK_CHANGED (scripts/network-churn-check.ts shows it).
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's chromium (never a downloaded browser), in its own network namespace reaching only PORT.
      executablePath: ISOLATED_CHROMIUM,
      args: CHROMIUM_ARGS,
      env: isolatedChromiumEnv([PORT]),
    },
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts/ },
    { name: 'chromium', dependencies: ['setup'], use: { browserName: 'chromium', storageState: 'test-results/e2e-state.json' } },
  ],
  webServer: {
    command: `node ${serverNodeFlags().join(' ')} --import tsx server/main.ts --port ${PORT} --config-dir ${e2eConfigDir} --sandbox never`,
    url: `http://localhost:${PORT}/login`,
    env: { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...(process.env.DOCKSIDE_DIST_DIR ? { DOCKSIDE_DIST_DIR: process.env.DOCKSIDE_DIST_DIR } : {}) },
    reuseExistingServer: false,
    timeout: 90_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
