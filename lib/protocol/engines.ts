import { engineKindSchema, engineStatusSchema } from './engine';
import { DEFAULT_ENGINE_NAME, ENGINE_NAME_MAX, ENGINE_NAME_PATTERN, ENGINE_NAME_PATTERN_MESSAGE, ENGINE_QUERY_PARAM } from './engine-name';
import { z } from './z';

export { DEFAULT_ENGINE_NAME, ENGINE_QUERY_PARAM };

/**
 * An engine's name as Dockside knows it: `default` (DOCKER_HOST or the default socket), a docker
 * context's name, or one added later. The docker CLI's own rule for context names
 * (`[a-zA-Z0-9][a-zA-Z0-9_.+-]+`), so a name is safe in a URL query, a frame and a log line.
 */
export const engineNameSchema = z
  .string()
  .min(1, 'An engine name is required.')
  .max(ENGINE_NAME_MAX, `An engine name is at most ${ENGINE_NAME_MAX} characters.`)
  .regex(ENGINE_NAME_PATTERN, ENGINE_NAME_PATTERN_MESSAGE);
export type EngineName = z.infer<typeof engineNameSchema>;

/** `?engine=<name>` on any engine route; absent means the default engine. */
export const engineQuerySchema = z.object({ engine: engineNameSchema.optional() });

export { engineKindSchema, type EngineKind } from './engine';

/**
 * Where an engine comes from: `default` (DOCKER_HOST, the current docker context or the default
 * socket), `env` (DOCKSIDE_ENGINES), `context` (one of the user's docker contexts, read-only),
 * `registered` (added by the server itself), `added` (added by a person on the /engines page,
 * stored in the config dir: the only ones Dockside edits).
 */
export const engineSourceSchema = z.enum(['default', 'env', 'context', 'registered', 'added']);
export type EngineSource = z.infer<typeof engineSourceSchema>;

/** An engine added in Dockside as the browser sees it: no PEM text, only whether each part is set. */
export const addedEngineViewSchema = z.object({
  address: z.string(),
  tls: z.object({ ca: z.boolean(), cert: z.boolean(), key: z.boolean() }).optional(),
  /** Plain TCP to another machine, with the risk accepted by a person for this engine. */
  acceptInsecure: z.boolean().optional(),
  addedAt: z.string(),
  updatedAt: z.string().optional(),
});
export type AddedEngineView = z.infer<typeof addedEngineViewSchema>;

/** `docker system df` totals from the last walk someone ran on the engine page (never run for the list). */
export const engineDiskSchema = z.object({ totalBytes: z.number().nonnegative(), reclaimableBytes: z.number().nonnegative(), at: z.string() });
export type EngineDisk = z.infer<typeof engineDiskSchema>;

/** One row of `GET /api/engines`. */
export const engineInfoSchema = z.object({
  name: engineNameSchema,
  /** Where it is, e.g. `unix:///var/run/docker.sock` or `tcp://build:2376 (TLS)`. */
  label: z.string(),
  kind: engineKindSchema,
  source: engineSourceSchema,
  description: z.string().optional(),
  status: engineStatusSchema,
  /** How long the engine took to answer `/_ping` at its last check, in ms (absent when it did not answer). */
  rttMs: z.number().nonnegative().optional(),
  /** Said on its card and in the switcher: plain TCP without TLS. */
  warning: z.string().optional(),
  /** Where a read-only engine is defined, in words ("docker context `x`", "DOCKSIDE_ENGINES"). */
  origin: z.string().optional(),
  /** Engines added in Dockside: their settings (editable on /engines). */
  added: addedEngineViewSchema.optional(),
  disk: engineDiskSchema.optional(),
});
export type EngineInfo = z.infer<typeof engineInfoSchema>;
