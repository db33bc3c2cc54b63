import type { EngineStatus } from '../../../lib/protocol/engine';
import type { DiskUsage, EngineDetails } from '../../../lib/protocol/engine-info';

/** Facts about this Dockside server that the engine status carries along. */
export interface EngineStatusContext {
  sandbox: boolean;
  readOnly: boolean;
}

/** The engine itself: who it is, whether it answers. */
export interface SystemApi {
  /** Asks the engine who it is; never throws — an unreachable engine is a status, not an error. */
  probe(ctx: EngineStatusContext): Promise<EngineStatus>;
  /**
   * Whether the engine accepts a new connection and answers `/_ping` within `timeoutMs`. Cheap
   * enough to ask every second while event streams run. Never throws.
   */
  ping(timeoutMs: number): Promise<boolean>;
  /** `docker version` + `docker info`, reshaped for the engine page. */
  info(): Promise<EngineDetails>;
  /**
   * `docker system df -v`. The engine walks every layer and volume (minutes on a big host), and
   * some engines refuse a second concurrent walk: a call while one runs waits for it and gets its
   * answer rather than starting another.
   */
  diskUsage(): Promise<DiskUsage>;
  /** When the running disk-usage walk started (ms since the epoch), or null when none runs. */
  diskUsageRunningSince(): number | null;
  /** The answer of the last disk-usage walk that finished (someone ran it on the engine page), or null. */
  lastDiskUsage(): DiskUsage | null;
}
