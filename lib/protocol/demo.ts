// Zod-free on purpose: the container list imports this, and zod in a page's bundle probes
// `Function("")`, which the CSP reports as a violation (test/security/browser.integration.test.ts).

/**
 * The label on the sandbox engine's demo containers (scripts/sandbox.sh `demo`, which spells it too):
 * the list marks them, and one click removes them all.
 */
export const DEMO_LABEL = 'dockside.demo';

export const isDemoContainer = (labels: Readonly<Record<string, string>>): boolean => Object.hasOwn(labels, DEMO_LABEL);

/** DELETE /api/demo: the names of the demo containers removed. */
export interface DemoRemoveResult {
  removed: string[];
}
