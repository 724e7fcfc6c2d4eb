// Writes how long each test file took in the last `npm test` (its vitest report) to
// tests/setup/file-times.json, which orders the next runs longest first (vitest.config.ts).
// Run it after a whole run on the machine CI uses; commit the file when the order has changed.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
// The report of the last run here, or of another checkout's: `node scripts/record-test-times.mjs [report.json]`.
const report = JSON.parse(fs.readFileSync(process.argv[2] ?? path.join(root, 'test-artifacts/vitest-report.json'), 'utf8'));
const seconds = Object.fromEntries(
  report.testResults
    // Named from the repository's root, wherever the report was made (a clean clone elsewhere).
    .map((file) => [/(?:^|\/)(tests\/(?:unit|integration|e2e)\/.+)$/.exec(file.name)[1], Math.round((file.endTime - file.startTime) / 100) / 10])
    .sort(([a], [b]) => (a < b ? -1 : 1)),
);
const unknown = Object.keys(seconds).filter((file) => !fs.existsSync(path.join(root, file)));
if (unknown.length) throw new Error(`The report names files this checkout does not have: ${unknown.join(', ')}`);
fs.writeFileSync(path.join(root, 'tests/setup/file-times.json'), `${JSON.stringify(seconds, null, 2)}\n`);
console.log(`Recorded ${Object.keys(seconds).length} files' times in tests/setup/file-times.json`);
