import { docker } from '../client';
import { engineCall, engineRead, toEngineError } from '../errors';
import type { ResourceContext } from './resource-context';

/** The default engine's context for the run, volume and network factories (until the engine registry provides one). */
export function defaultResourceContext(): ResourceContext {
  return { docker: docker(), read: engineRead, call: engineCall, fail: (err, what) => toEngineError(err, what) };
}
