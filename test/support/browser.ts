import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '../..');

/** Debian's Chromium in a network namespace of its own (see the script): out of Docker's interface churn. */
export const ISOLATED_CHROMIUM = path.join(root, 'scripts/isolated-chromium.sh');

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** The environment the isolated Chromium needs: the host loopback ports its pages may reach. */
export function isolatedChromiumEnv(ports: number[]): Record<string, string> {
  return { ...(process.env as Record<string, string>), DOCKSIDE_BROWSER_PORTS: ports.join(',') };
}

/** Chromium for tests and the bench: its pages reach only `ports` on the host's loopback (as localhost or 127.0.0.1). */
export function launchChromium(ports: number[], opts: { args?: string[]; executablePath?: string } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: opts.executablePath ?? ISOLATED_CHROMIUM,
    args: [...CHROMIUM_ARGS, ...(opts.args ?? [])],
    env: isolatedChromiumEnv(ports),
  });
}
