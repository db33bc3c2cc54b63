import type { DemoRemoveResult } from '../lib/protocol/demo';
import { isDemoContainer } from '../lib/protocol/demo';
import { EngineError, type Engine } from './engine';

/**
 * Removes every demo container (label dockside.demo), running and paused ones too, with their
 * anonymous volumes: what `scripts/sandbox.sh demo-remove` does. The demo's only use of the engine.
 */
export async function removeDemoContainers(engine: Engine): Promise<DemoRemoveResult> {
  const demo = (await engine.containers.list({ all: true })).filter((c) => isDemoContainer(c.labels));
  const removed: string[] = [];
  for (const c of demo) {
    try {
      await engine.containers.remove(c.id, { force: true, volumes: true });
      removed.push(c.name);
    } catch (err) {
      // Removed by someone else meanwhile: gone is what was asked for.
      if (!(err instanceof EngineError && err.code === 'not_found')) throw err;
    }
  }
  return { removed };
}
