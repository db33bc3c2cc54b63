import type { EngineKind } from '../../lib/protocol/engines';
import type { ContainersApi } from './api/containers';
import type { EventsApi } from './api/events';
import type { ExecApi } from './api/exec';
import type { ImagesApi } from './api/images';
import type { LogsApi } from './api/logs';
import type { NetworksApi } from './api/networks';
import type { RunApi } from './api/run';
import type { StatsApi } from './api/stats';
import type { SystemApi } from './api/system';
import type { VolumesApi } from './api/volumes';
import type { TransfersApi } from './api/transfers';

/**
 * One container engine, as everything above `server/engine/` sees it: a set of resource APIs that
 * take and return Dockside's own types (lib/protocol) and throw only EngineErrors that name the
 * engine. No dockerode type appears here; `server/engine/docker/` implements it over the Engine
 * API. Get one from the registry (`getEngine(name?)`), never build a client.
 *
 * Adding a resource: one `readonly <resource>: <Resource>Api` line here, the interface in
 * `api/<resource>.ts`, the implementation in `docker/<resource>.ts`.
 */
export interface Engine {
  /** Its name in the registry (`engineNameSchema`), e.g. `default`. */
  readonly name: string;
  /** Where it is, shown to people: `unix:///var/run/docker.sock`, `tcp://host:2376 (TLS)`. */
  readonly label: string;
  /** `docker`, or `podman` once the engine has answered as Podman (server/engine/docker/dialect.ts). */
  readonly kind: EngineKind;
  /** Plain TCP without TLS: said on its card and in the switcher. */
  readonly warning?: string;
  readonly containers: ContainersApi;
  readonly exec: ExecApi;
  readonly logs: LogsApi;
  readonly stats: StatsApi;
  readonly events: EventsApi;
  readonly system: SystemApi;
  readonly images: ImagesApi;
  readonly run: RunApi;
  readonly volumes: VolumesApi;
  readonly networks: NetworksApi;
  readonly transfers: TransfersApi;
  /** Lets go of the engine's connections (when it leaves the registry). */
  close(): void;
}
