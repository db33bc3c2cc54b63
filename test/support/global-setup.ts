import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Integration tests run against a real engine: the sandbox engine, started here when the caller
 * (scripts/test.sh) has not already pointed DOCKER_HOST at one. They also need a production build
 * of the app, because several of them start the real Dockside server.
 */
export default function setup(): void {
  if (!process.env.DOCKER_HOST) {
    // The tests' own sandbox (as scripts/test.sh picks it), never the one `npm start` runs for a person.
    const sandboxEnv = { ...process.env, DOCKSIDE_SANDBOX_DIR: process.env.DOCKSIDE_SANDBOX_DIR || '/tmp/dockside-test-sandbox' };
    const r = spawnSync('bash', [path.join(root, 'scripts/sandbox.sh'), 'start'], { stdio: 'inherit', env: sandboxEnv });
    if (r.status !== 0) throw new Error('The sandbox engine did not start; integration tests need a real engine.');
    const env = execFileSync('bash', [path.join(root, 'scripts/sandbox.sh'), 'env'], { encoding: 'utf8', env: sandboxEnv });
    process.env.DOCKER_HOST = /DOCKER_HOST=(\S+)/.exec(env)![1];
  }
  if (!fs.existsSync(path.join(root, process.env.DOCKSIDE_DIST_DIR || '.next', 'BUILD_ID'))) {
    const r = spawnSync('npx', ['next', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    if (r.status !== 0) throw new Error('next build failed.');
  }
}
