import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/** The bench's own engine, apart from the shared sandbox others test on. */
export const BENCH_SANDBOX_DIR = process.env.DOCKSIDE_BENCH_SANDBOX_DIR ?? '/tmp/dockside-bench';

export interface PrivateEngine {
  dir: string;
  socketPath: string;
  dockerHost: string;
  /** True when this run started the engine: it then stops it at the end, and only then. */
  startedByUs: boolean;
  stop(): void;
}

function sandbox(args: string[], dir: string): { ok: boolean; output: string } {
  const r = spawnSync('bash', [path.join(root, 'scripts/sandbox.sh'), ...args], {
    env: { ...process.env, DOCKSIDE_SANDBOX_DIR: dir },
    encoding: 'utf8',
  });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

export function ensurePrivateEngine(dir = BENCH_SANDBOX_DIR, log: (s: string) => void = () => undefined): PrivateEngine {
  const wasRunning = sandbox(['status'], dir).ok;
  if (!wasRunning) {
    log(`starting a private sandbox engine in ${dir}…`);
    const r = sandbox(['start'], dir);
    if (!r.ok) throw new Error(`sandbox start failed:\n${r.output}`);
  }
  const socketPath = path.join(dir, 'docker.sock');
  return {
    dir,
    socketPath,
    dockerHost: `unix://${socketPath}`,
    startedByUs: !wasRunning,
    stop: () => {
      if (wasRunning) return;
      log('stopping the private sandbox engine this run started…');
      sandbox(['stop'], dir);
    },
  };
}
