// Writes how long each test file took in the last `npm test` (its vitest report) to
// tests/setup/file-times.json, which orders the next runs longest first (vitest.config.ts).
// Run it after a whole run on the machine CI uses; commit the file when the order has changed.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const report = JSON.parse(fs.readFileSync(path.join(root, 'test-artifacts/vitest-report.json'), 'utf8'));
const seconds = Object.fromEntries(
  report.testResults
    .map((file) => [path.relative(root, file.name), Math.round((file.endTime - file.startTime) / 100) / 10])
    .sort(([a], [b]) => (a < b ? -1 : 1)),
);
fs.writeFileSync(path.join(root, 'tests/setup/file-times.json'), `${JSON.stringify(seconds, null, 2)}\n`);
console.log(`Recorded ${Object.keys(seconds).length} files' times in tests/setup/file-times.json`);
