import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/** The bench's own production build, so it never races someone else's rebuild of `.next`. */
export const BENCH_DIST_DIR = '.next-bench';
/** The server as `npm start` runs it: bundled, on plain node (scripts/build-server.sh). */
export const BENCH_SERVER_BUNDLE = 'dist/bench-server.mjs';

/** Environment for a Dockside server under the bench: the private engine and the bench build. */
export function serverEnv(socketPath: string, extra: Record<string, string> = {}): Record<string, string> {
  return { DOCKER_HOST: `unix://${socketPath}`, DOCKSIDE_DIST_DIR: BENCH_DIST_DIR, DOCKSIDE_SERVER_BUNDLE: BENCH_SERVER_BUNDLE, ...extra };
}

/** `next build` into BENCH_DIST_DIR; its output goes to `logFile`. */
export function buildApp(logFile: string): Promise<void> {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, 'w');
  return new Promise((resolve, reject) => {
    const p = spawn(path.join(root, 'node_modules/.bin/next'), ['build'], {
      cwd: root,
      env: { ...process.env, DOCKSIDE_DIST_DIR: BENCH_DIST_DIR, NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', out, out],
    });
    p.on('error', reject);
    p.on('exit', (code) => {
      fs.closeSync(out);
      if (code === 0) resolve();
      else reject(new Error(`next build exited ${code}; see ${logFile}`));
    });
  });
}

/** The server bundle `npm start` runs, into BENCH_SERVER_BUNDLE (scripts/build-server.sh). */
export function buildServerBundle(): void {
  execFileSync('bash', [path.join(root, 'scripts/build-server.sh'), BENCH_SERVER_BUNDLE], { cwd: root, stdio: 'inherit' });
}
