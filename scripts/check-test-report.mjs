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
// Where the time goes, by project (tests/unit, tests/integration, tests/e2e): the files' own
// durations added up, which is more than the wall time when files run side by side.
const byProject = new Map();
for (const f of report.testResults) {
  const project = /tests\/([^/]+)\//.exec(f.name)?.[1] ?? 'other';
  const entry = byProject.get(project) ?? { files: 0, tests: 0, seconds: 0 };
  entry.files += 1;
  entry.tests += f.assertionResults.length;
  entry.seconds += (f.endTime - f.startTime) / 1000;
  byProject.set(project, entry);
}
for (const [project, e] of byProject) console.log(`  ${project.padEnd(12)} ${String(e.tests).padStart(4)} tests in ${String(e.files).padStart(3)} files, ${e.seconds.toFixed(0).padStart(4)} s of file time`);
const problems = [];
if (report.numTotalTests === 0) problems.push('no tests ran');
if (skipped > 0) problems.push(`${skipped} tests were skipped or todo; every suite must run`);
// A file that failed with no failed test in it did not load or crashed outside a test.
const brokenFiles = report.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((t) => t.status === 'failed'));
for (const f of brokenFiles) problems.push(`${f.name} failed to run: ${(f.message ?? '').split('\n')[0]}`);
if (report.numFailedTests > 0) problems.push(`${report.numFailedTests} tests failed`);
for (const problem of problems) console.error(`✗ ${problem}`);
process.exit(problems.length || report.numFailedTests ? 1 : 0);
