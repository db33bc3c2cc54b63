import { createRequire } from 'node:module';
import AxeBuilder from '@axe-core/playwright';
import type { AxeResults, RunOptions } from 'axe-core';
import { expect, type Page } from '@playwright/test';

/**
 * axe-core over a page as it is now, in one theme or both (issue 18: every page and dialog, both
 * themes, no serious or critical WCAG 2.1 A/AA violation).
 *
 * Cheaper than `new AxeBuilder({ page }).analyze()` per check, with the same rules: AxeBuilder
 * evaluates axe's 550 kB source in the page on every call (twice in its legacy mode) and, outside
 * legacy mode, opens a blank tab to merge the results; that came to 0.5-1.2 s per check on CI's two
 * cores, more than axe's own run on most pages. Here axe is injected once per document and run
 * in it, asking only for the violations in full (passes and the rest come back as one node each;
 * which violations axe finds does not change). A page with frames goes through AxeBuilder as before,
 * so they are checked too.
 */

export const themes = ['dark', 'light'] as const;
export type Theme = (typeof themes)[number];

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The axe-core that @axe-core/playwright itself injects (not a dependency of ours). */
const axeSource: string = createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright'))('axe-core').source;

interface Violation {
  id: string;
  impact?: string | null;
  help: string;
  targets: string[];
}

async function violations(page: Page): Promise<Violation[]> {
  if (page.frames().length > 1) {
    const result = await new AxeBuilder({ page }).withTags(tags).analyze();
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  }
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const options: RunOptions = { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] };
  return page.evaluate(async (opts) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: RunOptions): Promise<AxeResults> } }).axe;
    const result = await axe.run(document, opts);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  }, options);
}

/** Fails on serious or critical WCAG 2.1 A/AA violations, naming each rule and its first nodes. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const bad = (await violations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.targets.slice(0, 3).join(' | ')}`),
    `axe on ${what}`,
  ).toEqual([]);
}

/**
 * Switches the page's theme as the OS would (prefers-color-scheme; the shell's theme switch follows
 * it live while the choice is "System") and waits until the page is drawn in it: `<html data-theme>`
 * says so and every colour transition (buttons fade theirs) has finished, so axe measures the
 * theme's own colours, not a frame between the two.
 */
export async function setTheme(page: Page, theme: Theme): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  await page.evaluate(() => Promise.all(document.getAnimations().filter((a) => a instanceof CSSTransition).map((a) => a.finished.catch(() => undefined))));
}

/** expectAccessible in both themes on the page as it is (a dialog stays open): the current theme first, then the other. */
export async function expectAccessibleInBothThemes(page: Page, what: string): Promise<void> {
  const now = await page.locator('html').getAttribute('data-theme');
  for (const theme of now === 'light' ? (['light', 'dark'] as const) : (['dark', 'light'] as const)) {
    await setTheme(page, theme);
    await expectAccessible(page, `${theme} ${what}`);
  }
}
