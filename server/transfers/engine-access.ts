import type { TransfersApi } from '../engine/api/transfers';
import { getEngine } from '../engine/registry';
import type { InsecureConfig } from '../registry/v2-client';

/** The transfers of the engine a request names (`?engine=`, validated), the default engine without one. */
export function transfersFor(engine?: string): TransfersApi {
  return getEngine(engine).transfers;
}

const insecureCache = new WeakMap<TransfersApi, { at: number; value: InsecureConfig }>();

/** The engine's own rule for plain-HTTP registries (`insecure-registries`; 127.0.0.0/8 by default), kept 30 s. */
export async function engineInsecureRegistries(api: TransfersApi = transfersFor()): Promise<InsecureConfig> {
  const kept = insecureCache.get(api);
  if (kept && Date.now() - kept.at < 30_000) return kept.value;
  try {
    const value = await api.insecureRegistries();
    insecureCache.set(api, { at: Date.now(), value });
    return value;
  } catch {
    // The engine is away: loopback only, the engine's default.
    return { cidrs: ['127.0.0.0/8'], hosts: [] };
  }
}
