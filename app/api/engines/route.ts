import type { EngineInfo } from '@/lib/protocol/engines';
import { listEngineEntries, runtime } from '@/server/next-entry';
import { route } from '@/server/route-kit';

/** A ping that takes longer than this is reported as no round-trip time (the status says why). */
const RTT_PING_TIMEOUT_MS = 5000;

/**
 * GET: every engine Dockside knows (the default one first), with where it comes from, its status
 * (as its events hub last saw it while someone watches it, else probed now) and a round-trip time
 * (one `/_ping` now) — all engines at once, so the slowest one sets the answer's time.
 */
export const GET = route(async (): Promise<EngineInfo[]> => {
  const rt = runtime();
  return Promise.all(
    listEngineEntries().map(async ({ engine, source, description }) => {
      const status = rt?.engineStatus(engine.name) ?? (await engine.system.probe({ sandbox: false, readOnly: rt?.readOnly ?? false }));
      const started = performance.now();
      const answered = status.reachable && (await engine.system.ping(RTT_PING_TIMEOUT_MS));
      return {
        name: engine.name,
        label: engine.label,
        kind: engine.kind,
        source,
        ...(description ? { description } : {}),
        status,
        ...(answered ? { rttMs: Math.round((performance.now() - started) * 10) / 10 } : {}),
      };
    }),
  );
});
