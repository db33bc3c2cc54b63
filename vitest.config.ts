import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '@': path.resolve(import.meta.dirname) };
// `server-only` throws outside Next's bundler; under vitest the server code runs as plain Node.
const serverOnly = { 'server-only': path.resolve(import.meta.dirname, 'test/support/server-only-stub.ts') };

export default defineConfig({
  test: {
    // Two cores: two files at a time keeps the engine busy without starving it.
    maxWorkers: 2,
    minWorkers: 1,
    projects: [
      {
        resolve: { alias: { ...alias, ...serverOnly } },
        test: {
          name: 'unit',
          include: ['{lib,server,hooks,components,bench,scripts}/**/*.test.ts'],
          exclude: ['**/*.integration.test.ts', 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        resolve: { alias: { ...alias, ...serverOnly } },
        test: {
          name: 'integration',
          include: ['{lib,server,test}/**/*.integration.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
