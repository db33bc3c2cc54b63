import type { EngineEndpoint } from '../connection';
import type { Engine } from '../engine';
import { dockerContainers } from './containers';
import { knownDialect } from './dialect';
import { createDockerContext } from './context';
import { dockerEvents } from './events';
import { dockerExec } from './exec';
import { dockerImages } from './images';
import { dockerLogs } from './logs';
import { dockerNetworks } from './networks';
import { dockerRun } from './run';
import { dockerStats } from './stats';
import { dockerSystem } from './system';
import { dockerVolumes } from './volumes';
import { dockerTransfers } from './transfers';

/** An engine that speaks the Docker Engine API (dockerd, or Podman's compatible service). */
export function createDockerEngine(name: string, endpoint: EngineEndpoint): Engine {
  const ctx = createDockerContext(name, endpoint);
  return {
    name,
    label: endpoint.label,
    // Known from the last probe's `/version`: Podman's compatible service says so in its Components.
    get kind() {
      return knownDialect(ctx) ?? 'docker';
    },
    ...(endpoint.warning ? { warning: endpoint.warning } : {}),
    containers: dockerContainers(ctx),
    exec: dockerExec(ctx),
    logs: dockerLogs(ctx),
    stats: dockerStats(ctx),
    events: dockerEvents(ctx),
    system: dockerSystem(ctx),
    images: dockerImages(ctx),
    run: dockerRun(ctx),
    volumes: dockerVolumes(ctx),
    networks: dockerNetworks(ctx),
    transfers: dockerTransfers(ctx),
    close: () => ctx.close(),
  };
}
