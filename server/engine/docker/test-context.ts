import { docker } from '../client';
import { engineCall, engineRead, toEngineError } from '../errors';
import type { RunContext } from './run';

/** The default engine's context, for integration tests of the resource factories. */
export function testRunContext(): RunContext {
  return { docker: docker(), read: engineRead, call: engineCall, fail: (err, what) => toEngineError(err, what) };
}
