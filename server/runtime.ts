import type { EngineStatus } from '../lib/protocol/engine';

/** Facts about this server process that route handlers (bundled separately by Next) also need. */
export interface Runtime {
  sandbox: boolean;
  readOnly: boolean;
  /** Where the access token file is (the login page names it; `~` for the home directory). */
  tokenPath?: string;
  /**
   * An engine's status as its events hub last saw it (the default engine without a name), or null
   * when no hub watches that engine now (the caller probes it).
   */
  engineStatus(name?: string): EngineStatus | null;
}

const KEY = Symbol.for('dockside.runtime');
type Holder = { [KEY]?: Runtime };

export function setRuntime(rt: Runtime): void {
  (globalThis as Holder)[KEY] = rt;
}

export function runtime(): Runtime | undefined {
  return (globalThis as Holder)[KEY];
}
