import type { EngineInfo } from '@/lib/protocol/engines';
import { listEngineEntries, runtime } from '@/server/next-entry';
import { route } from '@/server/route-kit';

/**
 * GET: every engine Dockside knows (the default one first), with where it comes from and its status:
 * as its events hub last saw it while someone watches it, else probed now (all at once).
 */
export const GET = route(async (): Promise<EngineInfo[]> => {
  const rt = runtime();
  return Promise.all(
    listEngineEntries().map(async ({ engine, source, description }) => ({
      name: engine.name,
      label: engine.label,
      kind: engine.kind,
      source,
      ...(description ? { description } : {}),
      status: rt?.engineStatus(engine.name) ?? (await engine.system.probe({ sandbox: false, readOnly: rt?.readOnly ?? false })),
    })),
  );
});
