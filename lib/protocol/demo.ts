import { z } from 'zod';

/**
 * The label on the sandbox engine's demo containers (scripts/sandbox.sh `demo`, which spells it too):
 * the list marks them, and one click removes them all.
 */
export const DEMO_LABEL = 'dockside.demo';

export const isDemoContainer = (labels: Readonly<Record<string, string>>): boolean => Object.hasOwn(labels, DEMO_LABEL);

/** DELETE /api/demo: the names of the demo containers removed. */
export const demoRemoveResultSchema = z.object({ removed: z.array(z.string()) });
export type DemoRemoveResult = z.infer<typeof demoRemoveResultSchema>;
