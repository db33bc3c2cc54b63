import { execFile, execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/**
 * Tests set up and check the engine with the docker CLI: an oracle independent of the code under
 * test (which goes through dockerode), and never a mock.
 */
export function docker(...args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

export async function dockerAsync(...args: string[]): Promise<string> {
  const { stdout } = await execFileAsync('docker', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

export function inspectState(ref: string): { Status: string; Running: boolean; Paused: boolean; ExitCode: number } {
  return JSON.parse(docker('inspect', '--format', '{{json .State}}', ref));
}

/** Whether the engine has this image (by name, tag or id). */
export function imageExists(ref: string): boolean {
  try {
    docker('image', 'inspect', ref);
    return true;
  } catch {
    return false;
  }
}

/** `docker rmi -f` each image a test made, one by one: one already gone does not keep the rest. */
export function removeImages(refs: readonly string[]): void {
  for (const ref of refs) {
    try {
      docker('rmi', '-f', ref);
    } catch {
      // Already gone.
    }
  }
}

/** The page a container serves on its published port (as `docker port` tells it), once it answers. */
export async function servedPage(container: string, port = '80/tcp'): Promise<string> {
  const hostPort = docker('port', container, port).split('\n')[0]!.split(':').pop();
  return waitFor(async () => {
    const res = await fetch(`http://127.0.0.1:${hostPort}/`);
    return res.ok ? res.text() : null;
  }, 'the page');
}

export const TEST_LABEL = 'dockside.test';

/** A label value unique to one test file, so cleanup removes exactly what that file created. */
export function testRun(name: string): { label: string; run: string; name: (suffix: string) => string; cleanup: () => void } {
  const run = `${name}-${crypto.randomBytes(3).toString('hex')}`;
  return {
    run,
    label: `${TEST_LABEL}=${run}`,
    name: (suffix: string) => `dst-${run}-${suffix}`,
    cleanup: () => {
      const ids = docker('ps', '-aq', '--filter', `label=${TEST_LABEL}=${run}`).split('\n').filter(Boolean);
      if (ids.length) docker('rm', '-f', '-v', ...ids);
    },
  };
}

/** `docker run -d` with the test label; returns the full id. */
export function runContainer(label: string, name: string, args: string[], image = 'dockside/busybox', cmd: string[] = ['sleep', '3600']): string {
  return docker('run', '-d', '--label', label, '--name', name, ...args, image, ...cmd);
}

export function createContainer(label: string, name: string, args: string[] = [], image = 'dockside/busybox', cmd: string[] = ['sleep', '3600']): string {
  return docker('create', '--label', label, '--name', name, ...args, image, ...cmd);
}

export async function waitFor<T>(fn: () => T | Promise<T>, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}
