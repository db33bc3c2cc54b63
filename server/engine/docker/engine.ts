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
import type { DockerContext } from './context';

/**
 * The context with `first` run once, just after the engine's first read or call: work due "when an
 * engine is first used" (sweeping helpers a crash left behind) without touching an engine that is
 * only listed, and without a second connection at start.
 */
function onFirstUse(ctx: DockerContext, first: () => void): DockerContext {
  let used = false;
  const mark = () => {
    if (used) return;
    used = true;
    queueMicrotask(first);
  };
  return {
    ...ctx,
    read: (fn, what, deadlineMs) => (mark(), ctx.read(fn, what, deadlineMs)),
    call: (fn, what) => (mark(), ctx.call(fn, what)),
  };
}

/** An engine that speaks the Docker Engine API (dockerd, or Podman's compatible service). */
export function createDockerEngine(name: string, endpoint: EngineEndpoint): Engine {
  const ctx = onFirstUse(createDockerContext(name, endpoint), () => void volumes.files.sweep());
  const volumes = dockerVolumes(ctx);
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
    volumes,
    networks: dockerNetworks(ctx),
    transfers: dockerTransfers(ctx),
    close: () => ctx.close(),
  };
}
