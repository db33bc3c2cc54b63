import type { EngineStatus } from '../lib/protocol/engine';

/** Facts about this server process that route handlers (bundled separately by Next) also need. */
export interface Runtime {
  sandbox: boolean;
  readOnly: boolean;
  /** Where the access token file is (the login page names it; `~` for the home directory). */
  tokenPath?: string;
  /** The engine status as the events hub last saw it. */
  engineStatus(): EngineStatus;
}

const KEY = Symbol.for('dockside.runtime');
type Holder = { [KEY]?: Runtime };

export function setRuntime(rt: Runtime): void {
  (globalThis as Holder)[KEY] = rt;
}

export function runtime(): Runtime | undefined {
  return (globalThis as Holder)[KEY];
}
