// The architecture in README.md ("Architecture"), as a check: `node scripts/check-boundaries.mjs`,
// a step of `npm test`. Paths are relative to the repository root. Test files (*.test.ts) are exempt
// from the layering rules (a server test may use test/support), not from the cycle rule.
const TESTS = '\\.test\\.tsx?$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'No import cycles, type-only imports included (tsPreCompilationDeps).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'dockerode-only-in-engine',
      severity: 'error',
      comment: 'Only server/engine/ talks to dockerode; everything else goes through it.',
      from: { pathNot: '^server/engine/' },
      to: { path: '(^|/)node_modules/(@types/)?dockerode/' },
    },
    {
      name: 'lib-is-the-bottom',
      severity: 'error',
      comment: 'lib/ is shared by browser and server: it never imports the server, the UI or hooks.',
      from: { path: '^lib/', pathNot: TESTS },
      to: { path: '^(app|components|hooks|server)/' },
    },
    {
      name: 'hooks-below-components',
      severity: 'error',
      comment: 'app → components → hooks → lib: a hook never reaches into the UI.',
      from: { path: '^hooks/', pathNot: TESTS },
      to: { path: '^(app|components|server)/' },
    },
    {
      name: 'components-below-app',
      severity: 'error',
      comment: 'Components never import pages, nor server code (they run in the browser).',
      from: { path: '^components/', pathNot: TESTS },
      to: { path: '^(app|server)/' },
    },
    {
      name: 'pages-not-server',
      severity: 'error',
      comment: 'Pages reach the engine through the API, never by importing server code; only app/api/ route handlers do.',
      from: { path: '^app/', pathNot: `^app/api/|${TESTS}` },
      to: { path: '^server/' },
    },
    {
      name: 'server-not-ui',
      severity: 'error',
      comment: 'The server never imports pages, components or hooks.',
      from: { path: '^server/', pathNot: TESTS },
      to: { path: '^(app|components|hooks)/' },
    },
    {
      name: 'server-uses-lib-protocol-only',
      severity: 'error',
      comment: 'server/* → lib/protocol: the wire types and schemas are the one meeting point with the browser code in lib/.',
      from: { path: '^server/', pathNot: TESTS },
      to: { path: '^lib/', pathNot: '^lib/protocol/' },
    },
    {
      name: 'no-test-code-in-production',
      severity: 'error',
      comment: 'Production code never imports tests, their support code or the bench.',
      from: { path: '^(app|components|hooks|lib|server)/', pathNot: `${TESTS}|\\.fixture\\.ts$` },
      to: { path: `^(test|e2e|bench)/|${TESTS}` },
    },
    {
      name: 'resolvable',
      severity: 'error',
      comment: 'Every import resolves (a typo in a path would otherwise hide a dependency from these rules).',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(\\.next[^/]*|test-results|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
