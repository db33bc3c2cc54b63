import { engineClient } from '../engine/client';
import { dockerTransfers } from '../engine/docker/transfers';
import type { TransfersApi } from '../engine/transfers-api';
import type { InsecureConfig } from '../registry/v2-client';

// The one place the transfers reach an engine (switches to the engine port's `getEngine(name)` when it lands).

export function transfersFor(_engine?: string): TransfersApi {
  const c = engineClient();
  return dockerTransfers({ docker: c.docker, label: c.endpoint.label });
}

let insecureCache: { at: number; value: InsecureConfig } | null = null;

/** The engine's own rule for plain-HTTP registries (`insecure-registries`; 127.0.0.0/8 by default). */
export async function engineInsecureRegistries(): Promise<InsecureConfig> {
  if (insecureCache && Date.now() - insecureCache.at < 30_000) return insecureCache.value;
  try {
    const info = (await engineClient().docker.info({ abortSignal: AbortSignal.timeout(10_000) } as never)) as unknown as {
      RegistryConfig?: { InsecureRegistryCIDRs?: string[]; IndexConfigs?: Record<string, { Secure?: boolean }> };
    };
    const rc = info.RegistryConfig ?? {};
    const value = {
      cidrs: rc.InsecureRegistryCIDRs ?? ['127.0.0.0/8'],
      hosts: Object.entries(rc.IndexConfigs ?? {})
        .filter(([, v]) => v?.Secure === false)
        .map(([k]) => k),
    };
    insecureCache = { at: Date.now(), value };
    return value;
  } catch {
    return { cidrs: ['127.0.0.0/8'], hosts: [] };
  }
}
