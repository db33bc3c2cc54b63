import type { CreateContainerRequest, CreateContainerResult, RecreateResult, RunSpec } from '../../../lib/protocol/run-spec';

/** A container's run spec, as `docker run` would make it again, with the line itself. */
export interface ContainerRunSpec {
  spec: RunSpec;
  /** What could not be carried exactly, in plain words. */
  notes: string[];
}

/**
 * The engine's own steps of a run, each as it took (ms): the route reports them in a `Server-Timing`
 * header, so a person's devtools (and the bench, figure 16) can tell the engine's create + start from
 * what Dockside adds around them in the very same run. `inspect` is Dockside's own read of the made
 * container for its page (not the engine's part of a `docker run`).
 */
export type RunStepTimer = (step: 'create' | 'start' | 'inspect', ms: number) => void;

/**
 * Making containers (`docker run` / `docker create`) and remaking them. Failures are EngineErrors;
 * those that concern one form field are `RunFieldError`s naming it.
 */
export interface RunApi {
  /** Create (and start unless `start` is false). A failed start leaves the container, reported. */
  create(req: CreateContainerRequest, onStep?: RunStepTimer): Promise<CreateContainerResult>;
  /** Inspect → the spec that makes it again, with only what differs from its image. */
  specOf(ref: string): Promise<ContainerRunSpec>;
  /**
   * Replace a container by one made from `spec`, in one step that cannot lose it: the new one is
   * made under a temporary name, the old stopped, the new started, names swapped, and the old
   * removed only once the new runs. On any failure the old is put back as it was.
   */
  recreate(ref: string, spec: RunSpec): Promise<RecreateResult>;
}
