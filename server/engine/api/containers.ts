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
} from '../../../lib/protocol/containers';

export interface InspectedContainer {
  container: ContainerDetail;
  /** The engine's inspect JSON as-is, for the "raw" view. */
  inspect: unknown;
}

export interface ContainerRunState {
  running: boolean;
  exitCode: number;
}

/**
 * Containers (`docker ps / inspect / start / stop / rm / top / container prune`). Every `ref` has
 * already passed `containerRefSchema`. Failures are EngineErrors.
 */
export interface ContainersApi {
  /** `docker ps [-a] [-s]`; sizes make the engine walk every layer, so only on request. */
  list(query?: Partial<ListContainersQuery>): Promise<ContainerSummary[]>;
  inspect(ref: string): Promise<InspectedContainer>;
  /** Running or not, and the last exit code. */
  runState(ref: string): Promise<ContainerRunState>;
  /** One lifecycle action; "already in that state" counts as success, as for the CLI. */
  runAction(ref: string, action: ContainerAction): Promise<void>;
  remove(ref: string, opts?: Partial<RemoveContainerOptions>): Promise<void>;
  /** `docker top`. */
  processes(ref: string): Promise<ProcessList>;
  /** `docker ps -s` for one container. */
  sizes(ref: string): Promise<ContainerSizes>;
  /** What `docker container prune` would remove (optionally only those with `label`). */
  previewPrune(label?: string): Promise<PrunePreview>;
  prune(label?: string): Promise<PruneResult>;
}
