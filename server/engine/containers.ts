import type { ContainerInfo } from 'dockerode';
import type {
  ContainerAction,
  ContainerDetail,
  ContainerSizes,
  ContainerSummary,
  ListContainersQuery,
  ProcessList,
  PrunePreview,
  PruneResult,
  RemoveContainerOptions,
} from '../../lib/protocol/containers';
import { docker } from './client';
import { EngineError, engineCall, engineRead, SIZE_WALK_DEADLINE_MS } from './errors';
import { toContainerDetail, toContainerSummary } from './reshape';

// Every `ref` here has already passed `containerRefSchema`: dockerode puts it into the URL path.

export async function listContainers(query: Partial<ListContainersQuery> = {}): Promise<ContainerSummary[]> {
  // `size` makes the engine walk every read-write layer: only on explicit request.
  const size = query.size ?? false;
  const raw = await engineRead(
    (abortSignal) => docker().listContainers({ all: query.all ?? true, size, abortSignal }),
    undefined,
    size ? SIZE_WALK_DEADLINE_MS : undefined,
  );
  return raw.map(toContainerSummary);
}

export interface InspectedContainer {
  container: ContainerDetail;
  /** The engine's inspect JSON as-is, for the "raw" view. */
  inspect: unknown;
}

export async function inspectContainer(ref: string): Promise<InspectedContainer> {
  const raw = await engineRead((abortSignal) => docker().getContainer(ref).inspect({ abortSignal }), `Container ${ref}`);
  return { container: toContainerDetail(raw), inspect: raw };
}

const isNotModified = (err: unknown) => (err as { statusCode?: number })?.statusCode === 304;

/**
 * Runs one lifecycle action. "Already started" / "already stopped" (HTTP 304) count as success,
 * as they do for the docker CLI, so a bulk action over a mixed selection does what people mean.
 */
export async function runContainerAction(ref: string, action: ContainerAction): Promise<void> {
  const c = docker().getContainer(ref);
  const call = (): Promise<unknown> => {
    switch (action.action) {
      case 'start':
        return c.start();
      case 'stop':
        return c.stop(action.timeout === undefined ? {} : { t: action.timeout });
      case 'restart':
        return c.restart(action.timeout === undefined ? {} : { t: action.timeout });
      case 'kill':
        return c.kill({ signal: action.signal ?? 'SIGKILL' });
      case 'pause':
        return c.pause();
      case 'unpause':
        return c.unpause();
      case 'rename':
        return c.rename({ name: action.name });
    }
  };
  await engineCall(async () => {
    try {
      await call();
    } catch (err) {
      if (!isNotModified(err)) throw err;
    }
  }, `${action.action} ${ref}`);
}

export async function removeContainer(ref: string, opts: Partial<RemoveContainerOptions> = {}): Promise<void> {
  await engineCall(() => docker().getContainer(ref).remove({ force: opts.force ?? false, v: opts.volumes ?? false }));
}

export async function listContainerProcesses(ref: string): Promise<ProcessList> {
  const top = await engineRead((abortSignal) => docker().getContainer(ref).top({ abortSignal }));
  return { titles: top.Titles ?? [], processes: top.Processes ?? [] };
}

/** `docker ps -s` for one container: the size walk on just that one. */
export async function containerSizes(ref: string): Promise<ContainerSizes> {
  const { container } = await inspectContainer(ref);
  const rows = (await engineCall(() =>
    docker().listContainers({ all: true, size: true, filters: { id: [container.id] } }),
  )) as Array<ContainerInfo & { SizeRw?: number; SizeRootFs?: number }>;
  const row = rows[0];
  if (!row) throw new EngineError('not_found', `No such container: ${ref}`);
  return { sizeRw: row.SizeRw ?? 0, sizeRootFs: row.SizeRootFs ?? 0 };
}

const STOPPED = ['exited', 'created', 'dead'];

function pruneFilters(label?: string): Record<string, string[]> {
  return label ? { label: [label] } : {};
}

/** What `docker container prune` would remove, and how much space that frees. */
export async function previewContainerPrune(label?: string): Promise<PrunePreview> {
  const raw = await engineCall(() =>
    docker().listContainers({ all: true, size: true, filters: { status: STOPPED, ...pruneFilters(label) } }),
  );
  const containers = raw.map(toContainerSummary).map(({ id, name, image, state, status, sizeRw }) => ({
    id,
    name,
    image,
    state,
    status,
    sizeRw: sizeRw ?? 0,
  }));
  return { containers, reclaimableBytes: containers.reduce((sum, c) => sum + (c.sizeRw ?? 0), 0) };
}

export async function pruneContainers(label?: string): Promise<PruneResult> {
  const res = await engineCall(() => docker().pruneContainers({ filters: pruneFilters(label) }));
  return { removed: res.ContainersDeleted ?? [], reclaimedBytes: res.SpaceReclaimed ?? 0 };
}
