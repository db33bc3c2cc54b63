import { z } from './z';

/** One engine event, reshaped: what changed, on which object, when. */
export const engineEventSchema = z.object({
  type: z.string(),
  action: z.string(),
  id: z.string(),
  name: z.string().optional(),
  /** Nanoseconds since the epoch, as the engine reports it (used to resume without gaps). */
  timeNano: z.number(),
  attributes: z.record(z.string(), z.string()),
});
export type EngineEvent = z.infer<typeof engineEventSchema>;
