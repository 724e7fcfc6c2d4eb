import fs from 'node:fs';
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Seconds each test file took in a recorded whole run (`node scripts/record-test-times.mjs` after
 * `npm test`). Only the order depends on it: a stale or missing figure never changes a result.
 */
const recordedSeconds: Record<string, number> = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'file-times.json'), 'utf8'));

/**
 * Longest files first, across the three projects, as vitest orders files from its own cache of
 * the last run, which a clean checkout (CI) does not have: there it falls back to the largest
 * files first, project by project, and a 45-second file that happened to be small ran last,
 * alone, while the other worker had nothing left to do. Files with no figure yet go first.
 */
export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const seconds = (file: TestSpecification) => recordedSeconds[path.relative(this.ctx.config.root, file.moduleId)] ?? Number.POSITIVE_INFINITY;
    return [...files].sort((a, b) => seconds(b) - seconds(a));
  }
}
