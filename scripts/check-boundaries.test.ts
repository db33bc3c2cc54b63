import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without type declarations
import { checkBoundaries } from './check-boundaries.mjs';

type Result = { modules: number; violations: Array<{ rule: string; from: string; to: string }> };
const run = checkBoundaries as (opts?: { base?: string }) => Promise<Result>;

describe('the import-boundary check (.dependency-cruiser.cjs)', () => {
  it('finds each deliberate violation in the fixture, one per rule, and nothing the rules allow', async () => {
    const r = await run({ base: path.join(import.meta.dirname, 'check-boundaries.fixture') });
    const found = r.violations.map((v) => `${v.rule}: ${v.from} → ${v.to.replace(/^(\.\.\/)+/, '')}`).sort();
    expect(found).toEqual([
      'components-below-app: components/uses-page.tsx → app/page.tsx',
      'dockerode-only-in-engine: server/outside-engine.ts → node_modules/dockerode/lib/docker.js',
      'hooks-below-components: hooks/use-thing.ts → components/widget.tsx',
      'lib-is-the-bottom: lib/reaches-ui.ts → components/widget.tsx',
      // type-only imports count (tsPreCompilationDeps)
      'no-cycles: server/a.ts → server/b.ts → server/a.ts',
      'no-test-code-in-production: lib/uses-test.ts → test/helper.ts',
      'pages-not-server: app/page.tsx → server/uses-lib.ts',
      'resolvable: lib/typo.ts → ./does-not-exist',
      'server-not-ui: server/uses-hook.ts → hooks/use-thing.ts',
      'server-uses-lib-protocol-only: server/uses-lib.ts → lib/format.ts',
    ]);
  }, 60_000);
});
