import type { EngineStatus } from '../../lib/protocol/engine';
import { engineClient } from './client';
import { toEngineError } from './errors';

export interface EngineStatusContext {
  sandbox: boolean;
  readOnly: boolean;
}

/** Asks the engine who it is; never throws — an unreachable engine is a status, not an error. */
export async function probeEngine(ctx: EngineStatusContext): Promise<EngineStatus> {
  const { docker, endpoint } = engineClient();
  try {
    const v = await docker.version();
    return {
      reachable: true,
      endpoint: endpoint.label,
      version: v.Version,
      apiVersion: v.ApiVersion,
      os: `${v.Os}/${v.Arch}`,
      ...ctx,
    };
  } catch (err) {
    return { reachable: false, endpoint: endpoint.label, error: toEngineError(err).message, ...ctx };
  }
}
