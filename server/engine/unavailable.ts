import type { Engine } from './engine';
import { EngineError } from './errors';

/**
 * An engine Dockside knows of but cannot use (a docker context over SSH, one whose TLS files are
 * missing): it is listed with its reason, its status says why, and every call fails with that
 * reason as `engine_unreachable`, so a page shows it rather than a generic failure.
 */
export function unavailableEngine(name: string, label: string, reason: string): Engine {
  const fail = async (): Promise<never> => {
    throw new EngineError('engine_unreachable', reason);
  };
  // Every method of every resource API fails the same way, including resources added later.
  const failingApi = new Proxy({}, { get: () => fail });
  const engine = {
    name,
    label,
    kind: 'docker',
    warning: undefined,
    system: {
      probe: async (ctx) => ({ name, reachable: false, endpoint: label, error: reason, ...ctx }),
      ping: async () => false,
      info: fail,
      diskUsage: fail,
      diskUsageRunningSince: () => null,
      lastDiskUsage: () => null,
    },
    close: () => undefined,
  } satisfies Pick<Engine, 'name' | 'label' | 'kind' | 'warning' | 'system' | 'close'>;
  return new Proxy(engine as unknown as Engine, {
    get: (target, prop, receiver) => {
      if (prop in target) return Reflect.get(target, prop, receiver);
      // Resource APIs are named properties; anything else (symbols, `then`) is not one.
      return typeof prop === 'string' && prop !== 'then' ? failingApi : undefined;
    },
  });
}
