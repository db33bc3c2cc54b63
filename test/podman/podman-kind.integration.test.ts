import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineInfo } from '../../lib/protocol/engines';
import { waitFor } from '../support/docker-cli';
import { startDockside, type RunningServer } from '../support/dockside-server';
import { podmanUnavailable, startPodman, type PodmanEngine } from '../support/podman';

/**
 * A Podman service beside dockerd in one Dockside: the engine list (and so the switcher and the
 * cards) says `podman` for it, from its own `/version` answer, and `docker` for dockerd.
 */
const unavailable = podmanUnavailable();
if (unavailable) console.warn(`Podman kind test skipped: ${unavailable}. CI installs podman (.ci/run).`);

let pm: PodmanEngine;
let server: RunningServer;

beforeAll(async () => {
  if (unavailable) return;
  pm = await startPodman('kind', []);
  server = await startDockside([], { DOCKSIDE_ENGINES: `pod=${pm.host}` });
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await pm?.stop();
}, 60_000);

describe.skipIf(unavailable)('kind: podman', () => {
  it('lists a Podman service as kind podman and dockerd as docker', async () => {
    const list = await waitFor(async () => {
      const rows = (await (await server.api('/api/engines')).json()) as EngineInfo[];
      return rows.every((r) => r.status.reachable) ? rows : null;
    }, 'both engines to have answered', 60_000);
    expect(list.find((e) => e.name === 'pod')).toMatchObject({ kind: 'podman', source: 'env', status: { kind: 'podman', product: 'Podman' } });
    expect(list.find((e) => e.name === 'default')).toMatchObject({ kind: 'docker', status: { kind: 'docker', product: 'Docker' } });
    // The engine's own status (what the banner and an engine's pages read) says it too.
    const status = (await (await server.api('/api/engine?engine=pod')).json()) as { kind?: string; product?: string };
    expect(status).toMatchObject({ kind: 'podman', product: 'Podman' });
  });
});
