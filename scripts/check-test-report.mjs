// Fails the run when any test was skipped, marked todo, or when nothing ran at all, and prints
// the plain "N passed, N failed" line that CI reads.
import fs from 'node:fs';

const file = process.argv[2];
if (!fs.existsSync(file)) {
  console.error(`No test report at ${file}: the test runner did not finish.`);
  process.exit(1);
}
const report = JSON.parse(fs.readFileSync(file, 'utf8'));
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`\ntests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
const problems = [];
if (report.numTotalTests === 0) problems.push('no tests ran');
if (skipped > 0) problems.push(`${skipped} tests were skipped or todo; every suite must run`);
// A file that failed with no failed test in it did not load or crashed outside a test.
const brokenFiles = report.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((t) => t.status === 'failed'));
for (const f of brokenFiles) problems.push(`${f.name} failed to run: ${(f.message ?? '').split('\n')[0]}`);
if (report.numFailedTests > 0) problems.push(`${report.numFailedTests} tests failed`);
for (const problem of problems) console.error(`✗ ${problem}`);
process.exit(problems.length || report.numFailedTests ? 1 : 0);
