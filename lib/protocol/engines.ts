import { engineStatusSchema } from './engine';
import { z } from './z';

/**
 * An engine's name as Dockside knows it: `default` (DOCKER_HOST or the default socket), a docker
 * context's name, or one added later. The docker CLI's own rule for context names
 * (`[a-zA-Z0-9][a-zA-Z0-9_.+-]+`), so a name is safe in a URL query, a frame and a log line.
 */
export const engineNameSchema = z
  .string()
  .min(1, 'An engine name is required.')
  .max(64, 'An engine name is at most 64 characters.')
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.+-]*$/, 'Engine names use letters, digits, "_", ".", "+" and "-", and start with a letter or digit.');
export type EngineName = z.infer<typeof engineNameSchema>;

/** The engine used when a request names none. */
export const DEFAULT_ENGINE_NAME = 'default';

/** The query parameter (routes) that picks an engine; WebSocket `open` frames carry `engine`. */
export const ENGINE_QUERY_PARAM = 'engine';

/** `?engine=<name>` on any engine route; absent means the default engine. */
export const engineQuerySchema = z.object({ engine: engineNameSchema.optional() });

/** How Dockside reaches an engine. Only `docker` (the Engine API over unix or tcp) exists today. */
export const engineKindSchema = z.enum(['docker']);
export type EngineKind = z.infer<typeof engineKindSchema>;

/**
 * Where an engine comes from: `default` (DOCKER_HOST, the current docker context or the default
 * socket), `env` (DOCKSIDE_ENGINES), `context` (one of the user's docker contexts, read-only),
 * `registered` (added by the server itself).
 */
export const engineSourceSchema = z.enum(['default', 'env', 'context', 'registered']);
export type EngineSource = z.infer<typeof engineSourceSchema>;

/** One row of `GET /api/engines`. */
export const engineInfoSchema = z.object({
  name: engineNameSchema,
  /** Where it is, e.g. `unix:///var/run/docker.sock` or `tcp://build:2376 (TLS)`. */
  label: z.string(),
  kind: engineKindSchema,
  source: engineSourceSchema,
  description: z.string().optional(),
  status: engineStatusSchema,
});
export type EngineInfo = z.infer<typeof engineInfoSchema>;
