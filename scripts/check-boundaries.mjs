// The import-boundary check of `npm test`: runs dependency-cruiser with .dependency-cruiser.cjs over
// app/ components/ hooks/ lib/ server/ and fails on any violation.
//
//   node scripts/check-boundaries.mjs [--base DIR] [--config FILE]
//
// --base runs the same rules on another tree (the unit test's fixture with deliberate violations).
// Uses dependency-cruiser's API: its CLI refuses Node 20 (it follows Node's release cycle), its API
// runs on it.
import fs from 'node:fs';
import path from 'node:path';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const root = path.resolve(import.meta.dirname, '..');
const ROOTS = ['app', 'components', 'hooks', 'lib', 'server'];

export async function checkBoundaries({ base = root, config = path.join(root, '.dependency-cruiser.cjs') } = {}) {
  const options = await extractDepcruiseOptions(config);
  const tsConfigFile = path.join(base, 'tsconfig.json');
  const hasTsConfig = fs.existsSync(tsConfigFile);
  if (hasTsConfig) options.tsConfig = { fileName: tsConfigFile };
  else delete options.tsConfig;
  const roots = ROOTS.filter((d) => fs.existsSync(path.join(base, d)));
  const cwd = process.cwd();
  process.chdir(base); // rule paths are relative to the tree's root
  try {
    const result = await cruise(roots, { ...options, outputType: 'json' }, {}, { tsConfig: hasTsConfig ? extractTSConfig(tsConfigFile) : undefined });
    const out = typeof result.output === 'string' ? JSON.parse(result.output) : result.output;
    const violations = out.summary.violations.map((v) => ({
      rule: v.rule.name,
      from: v.from,
      to: v.cycle ? v.cycle.map((c) => (typeof c === 'string' ? c : c.name)).join(' → ') : v.to,
    }));
    return { modules: out.summary.totalCruised, dependencies: out.summary.totalDependenciesCruised, violations };
  } finally {
    process.chdir(cwd);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? path.resolve(process.argv[i + 1]) : undefined;
  };
  const r = await checkBoundaries({ base: arg('--base'), config: arg('--config') });
  for (const v of r.violations) console.log(`  ${v.rule}: ${v.from} → ${v.to}`);
  console.log(`boundaries: ${r.modules} modules, ${r.dependencies} imports, ${r.violations.length} violation${r.violations.length === 1 ? '' : 's'}`);
  process.exit(r.violations.length ? 1 : 0);
}
