import type { ContainerInfo } from 'dockerode';
import type {
  ContainerAction,
  ContainerSizes,
  ContainerSummary,
  ListContainersQuery,
  ProcessList,
  PrunePreview,
  PruneResult,
  RemoveContainerOptions,
} from '../../../lib/protocol/containers';
import type { ContainersApi, ContainerRunState, InspectedContainer } from '../api/containers';
import { EngineError } from '../errors';
import { toContainerDetail, toContainerSummary } from '../reshape';
import { SIZE_WALK_DEADLINE_MS, type DockerContext } from './context';
import { dialectOf, type EngineDialect } from './dialect';
import { splitSingleColumnTop } from './top-columns';

// Every `ref` here has already passed `containerRefSchema`: dockerode puts it into the URL path.

async function listContainers(ctx: DockerContext, query: Partial<ListContainersQuery> = {}): Promise<ContainerSummary[]> {
  // `size` makes the engine walk every read-write layer: only on explicit request.
  const size = query.size ?? false;
  const raw = await ctx.read(
    (abortSignal) => ctx.docker.listContainers({ all: query.all ?? true, size, abortSignal }),
    undefined,
    size ? SIZE_WALK_DEADLINE_MS : undefined,
  );
  return raw.map(toContainerSummary);
}

async function inspectContainer(ctx: DockerContext, ref: string): Promise<InspectedContainer> {
  const raw = await ctx.read((abortSignal) => ctx.docker.getContainer(ref).inspect({ abortSignal }), `Container ${ref}`);
  return { container: toContainerDetail(raw), inspect: raw };
}

async function containerRunState(ctx: DockerContext, ref: string): Promise<ContainerRunState> {
  const info = await ctx.read((abortSignal) => ctx.docker.getContainer(ref).inspect({ abortSignal }), `Container ${ref}`);
  return { running: Boolean(info.State?.Running), exitCode: info.State?.ExitCode ?? 0 };
}

const isNotModified = (err: unknown) => (err as { statusCode?: number })?.statusCode === 304;

/**
 * Runs one lifecycle action. "Already started" / "already stopped" (HTTP 304) count as success,
 * as they do for the docker CLI, so a bulk action over a mixed selection does what people mean.
 */
async function runContainerAction(ctx: DockerContext, ref: string, action: ContainerAction): Promise<void> {
  const c = ctx.docker.getContainer(ref);
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
  await ctx.call(async () => {
    try {
      await call();
    } catch (err) {
      if (!isNotModified(err)) throw err;
    }
  }, `${action.action} ${ref}`);
}

async function removeContainer(ctx: DockerContext, ref: string, opts: Partial<RemoveContainerOptions> = {}): Promise<void> {
  await ctx.call(() => ctx.docker.getContainer(ref).remove({ force: opts.force ?? false, v: opts.volumes ?? false }));
}

async function listContainerProcesses(ctx: DockerContext, ref: string): Promise<ProcessList> {
  const top = await ctx.read((abortSignal) => ctx.docker.getContainer(ref).top({ abortSignal }), `Processes of ${ref}`);
  return splitSingleColumnTop({ titles: top.Titles ?? [], processes: top.Processes ?? [] });
}

/** `docker ps -s` for one container: the size walk on just that one. */
async function containerSizes(ctx: DockerContext, ref: string): Promise<ContainerSizes> {
  const { container } = await inspectContainer(ctx, ref);
  const rows = (await ctx.call(() =>
    ctx.docker.listContainers({ all: true, size: true, filters: { id: [container.id] } }),
  )) as Array<ContainerInfo & { SizeRw?: number; SizeRootFs?: number }>;
  const row = rows[0];
  if (!row) throw new EngineError('not_found', `No such container: ${ref}`);
  return { sizeRw: row.SizeRw ?? 0, sizeRootFs: row.SizeRootFs ?? 0 };
}

/**
 * The states `docker container prune` removes, as each engine's `status` filter spells them: Podman
 * rejects `dead` ("unknown container state") and calls an exited container `exited` or `stopped`.
 */
const STOPPED: Record<EngineDialect, string[]> = {
  docker: ['exited', 'created', 'dead'],
  podman: ['exited', 'created', 'stopped'],
};

function pruneFilters(label?: string): Record<string, string[]> {
  return label ? { label: [label] } : {};
}

/** What `docker container prune` would remove, and how much space that frees. */
async function previewContainerPrune(ctx: DockerContext, label?: string): Promise<PrunePreview> {
  const status = STOPPED[await dialectOf(ctx)];
  const raw = await ctx.call(() => ctx.docker.listContainers({ all: true, size: true, filters: { status, ...pruneFilters(label) } }));
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

async function pruneContainers(ctx: DockerContext, label?: string): Promise<PruneResult> {
  const res = await ctx.call(() => ctx.docker.pruneContainers({ filters: pruneFilters(label) }));
  return { removed: res.ContainersDeleted ?? [], reclaimedBytes: res.SpaceReclaimed ?? 0 };
}

export function dockerContainers(ctx: DockerContext): ContainersApi {
  return {
    list: (query) => listContainers(ctx, query),
    inspect: (ref) => inspectContainer(ctx, ref),
    runState: (ref) => containerRunState(ctx, ref),
    runAction: (ref, action) => runContainerAction(ctx, ref, action),
    remove: (ref, opts) => removeContainer(ctx, ref, opts),
    processes: (ref) => listContainerProcesses(ctx, ref),
    sizes: (ref) => containerSizes(ctx, ref),
    previewPrune: (label) => previewContainerPrune(ctx, label),
    prune: (label) => pruneContainers(ctx, label),
  };
}
