// Part of `npm test`: fails when a test file waits a fixed time. A test that sleeps and then
// looks passes when the thing it looks for is merely slow; it must poll with a deadline
// (`eventually`, `expect.poll`) or prove absence with a barrier instead. Load pacing and fault
// schedules use `pause` from tests/helpers/pace.ts, which says what it is for.
import fs from 'node:fs';
import path from 'node:path';

const waits = [/\bsetTimeout\s*\(/, /\bsleep\s*\(/, /\bdelay\s*\(/, /\bwaitForTimeout\s*\(/, /timers\/promises/];
const found = [];
const walk = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(file);
    else if (entry.name.endsWith('.test.ts')) {
      fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        if (waits.some((wait) => wait.test(line))) found.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
  }
};
walk(process.argv[2] ?? 'tests');
if (found.length) {
  console.error(`✗ fixed waits in test files (poll with a deadline or use a barrier instead):\n${found.join('\n')}`);
  process.exit(1);
}
console.log('No fixed waits in test files');
