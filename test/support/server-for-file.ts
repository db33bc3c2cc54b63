import { afterAll, beforeAll } from 'vitest';
import { startDockside, type RunningServer } from './dockside-server';

// Apart from dockside-server.ts, which the benchmarks import too: vitest's hooks only load inside vitest.

/**
 * One real server for a whole test file: started before its tests, stopped after them, followed by
 * the cleanup of what the file created. Read `.server` inside tests and hooks.
 */
export function serverForFile(run: { cleanup(): void }, args: string[] = [], env: Record<string, string> = {}): { readonly server: RunningServer } {
  let server: RunningServer | undefined;
  beforeAll(async () => {
    server = await startDockside(args, env);
  });
  afterAll(async () => {
    await server?.stop();
    run.cleanup();
  });
  return {
    get server() {
      if (!server) throw new Error('The Dockside server is not started yet (use it inside tests and hooks).');
      return server;
    },
  };
}
