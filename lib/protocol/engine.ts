import { z } from './z';

/**
 * What answers behind the Engine API: `docker` (dockerd), or `podman` (Podman's compatible service,
 * recognised from its `/version` answer; until an engine has answered once it counts as `docker`).
 */
export const engineKindSchema = z.enum(['docker', 'podman']);
export type EngineKind = z.infer<typeof engineKindSchema>;

export const engineStatusSchema = z.object({
  /** Which engine this is (see `engineNameSchema`); absent from servers before engines had names. */
  name: z.string().optional(),
  reachable: z.boolean(),
  /** What we tried to reach, e.g. `unix:///var/run/docker.sock` or `tcp://10.0.0.2:2376 (TLS)`. */
  endpoint: z.string(),
  /** Why the last attempt failed, in words a person understands. */
  error: z.string().optional(),
  /** What answers, by what it is: `Docker` or `Podman` (Podman's compatible API also says "Docker" elsewhere). */
  product: z.string().optional(),
  /** `product` as a kind (absent until the engine has answered). */
  kind: engineKindSchema.optional(),
  /** Not checked yet: the engine list answers at once and this engine's first check is still running. */
  checking: z.boolean().optional(),
  version: z.string().optional(),
  apiVersion: z.string().optional(),
  os: z.string().optional(),
  /** True when Dockside started its own sandbox engine because none was reachable. */
  sandbox: z.boolean(),
  readOnly: z.boolean(),
});
export type EngineStatus = z.infer<typeof engineStatusSchema>;
