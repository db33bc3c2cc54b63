import type { EngineStatus } from '../../../lib/protocol/engine';

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
}
