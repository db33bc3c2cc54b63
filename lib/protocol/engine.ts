import { z } from './z';

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
  version: z.string().optional(),
  apiVersion: z.string().optional(),
  os: z.string().optional(),
  /** True when Dockside started its own sandbox engine because none was reachable. */
  sandbox: z.boolean(),
  readOnly: z.boolean(),
});
export type EngineStatus = z.infer<typeof engineStatusSchema>;
