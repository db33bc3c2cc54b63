import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { getEngine, resetDefaultEngine } from './engine';
import type { ServerConfig } from './config';

const SCRIPT = path.resolve(import.meta.dirname, '../scripts/sandbox.sh');

function sandboxSocket(): string {
  const out = spawnSync('bash', [SCRIPT, 'env'], { encoding: 'utf8' });
  const m = /DOCKER_HOST=(\S+)/.exec(out.stdout ?? '');
  if (!m?.[1]) throw new Error('scripts/sandbox.sh env printed no DOCKER_HOST.');
  return m[1];
}

export interface EngineChoice {
  sandbox: boolean;
  /** Stops the sandbox engine if this process started it. */
  release(): void;
}

/**
 * Use the engine the user has (DOCKER_HOST or the default socket). When none answers and the
 * policy allows it, start Dockside's own sandbox engine and say so — never silently.
 */
export async function chooseEngine(config: ServerConfig, log: (msg: string) => void): Promise<EngineChoice> {
  const none = { sandbox: false, release: () => undefined };
  if (config.sandbox !== 'always') {
    const status = await getEngine().system.probe({ sandbox: false, readOnly: config.readOnly });
    if (status.reachable) return none;
    if (config.sandbox === 'never') {
      log(`No Docker engine answers at ${status.endpoint}: ${status.error ?? ''}`);
      return none;
    }
    log(`No Docker engine answers at ${status.endpoint}${status.error ? ` (${status.error})` : ''}. Starting Dockside's sandbox engine…`);
  }
  // For a person, not for tests (they start the sandbox with scripts/sandbox.sh and run the server with
  // --sandbox never): --demo seeds the demo containers on the sandbox's first start.
  const started = spawnSync('bash', [SCRIPT, 'start', '--demo'], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (started.status !== 0) {
    log('The sandbox engine did not start (see above). Dockside runs on and will show the engine as unreachable.');
    return none;
  }
  process.env.DOCKER_HOST = sandboxSocket();
  resetDefaultEngine();
  log(`Using the sandbox engine at ${process.env.DOCKER_HOST}. It is a private engine, separate from any other Docker on this machine.`);
  return {
    sandbox: true,
    release: () => {
      log('Stopping the sandbox engine Dockside started…');
      spawnSync('bash', [SCRIPT, 'stop'], { stdio: ['ignore', 'inherit', 'inherit'] });
    },
  };
}
