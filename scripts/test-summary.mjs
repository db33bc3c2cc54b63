// Adds up the vitest and Playwright JSON reports into one closing line: "tests: N passed, N failed".
import fs from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) {
    console.log(`(no report: ${file})`);
    failed += 1;
    continue;
  }
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (r.stats && 'expected' in r.stats) {
    // Playwright
    passed += r.stats.expected;
    failed += r.stats.unexpected;
    skipped += r.stats.skipped;
  } else {
    // vitest
    passed += r.numPassedTests ?? 0;
    // A file that failed to load has no failed test in it but must still count as a failure.
    const brokenFiles = (r.testResults ?? []).filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'));
    failed += (r.numFailedTests ?? 0) + brokenFiles.length;
    skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  }
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
