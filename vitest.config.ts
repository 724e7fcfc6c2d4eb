import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
// Servers started in child processes run the bundle built once for the run (tests/setup/server-build.ts).
const serverBuild = here('./tests/setup/server-build.ts');

/**
 * Seconds each test file took in a recorded whole run (`node scripts/record-test-times.mjs` after
 * `npm test`). Only the order depends on it: a stale or missing figure never changes a result.
 */
const recordedSeconds: Record<string, number> = JSON.parse(fs.readFileSync(here('./tests/setup/file-times.json'), 'utf8'));

/** The projects in the order they run: the browser files, each a core's worth of work, last. */
const projectOrder = ['unit', 'integration', 'e2e'];

/**
 * Project by project, and longest files first within each, from the recorded times (vitest
 * orders files from its own cache of the last run, which a clean checkout, CI, does not have: it
 * then ran the largest files first, and a 50-second file that happened to be small ran last,
 * alone). Longest first across the projects was tried: it put the browser files beside the
 * integration files, slower on the whole (332 s against 300 s) and with an integration test that
 * measures the event loop under hostile frames failing for the load beside it. Files with no
 * recorded time yet go first in their project.
 */
class ProjectsThenLongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const seconds = (file: TestSpecification) => recordedSeconds[path.relative(this.ctx.config.root, file.moduleId)] ?? Number.POSITIVE_INFINITY;
    const project = (file: TestSpecification) => projectOrder.indexOf(file.project.name);
    return [...files].sort((a, b) => project(a) - project(b) || seconds(b) - seconds(a));
  }
}

export default defineConfig({
  resolve: { alias: { '@shared': here('./shared') } },
  test: {
    testTimeout: 60_000,
    hookTimeout: 90_000,
    pool: 'forks',
    // Four test files at a time on this machine's two cores (with the static checks beside
    // them): many files spend part of their time waiting (on a child process, a fault, a
    // benchmark's fixed seconds), and the other files' work fills it. With three, the cores sat
    // idle for 32 core-seconds of a run, mostly among the integration files; with four, 9
    // (the same 586 core-seconds of work, 308 s → 298 s on the same host that hour).
    maxWorkers: 4,
    allowOnly: false,
    // Longest files first from a recorded run, also on a clean checkout, which has no vitest cache.
    sequence: { sequencer: ProjectsThenLongestFirst },
    // Tests sign in hundreds of times; bcrypt's lowest cost saves minutes. Honoured under
    // NODE_ENV=test only (server/auth/passwords.ts), never by a deployment.
    env: { TEST_PASSWORD_HASH_COST: '4' },
    projects: [
      // Pure functions: their files share a worker's loaded modules too (imports 6 s to 2 s).
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], isolate: false } },
      // Files share their worker's loaded modules (the server's are imported once per worker, not
      // once per file); each file starts its own app, data folder and store, so nothing else is shared.
      { extends: true, test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], isolate: false, globalSetup: [serverBuild] } },
      // Browser files share their worker's modules too (26 s less importing in a run). The
      // "person short" that once kept them apart was protocol-level test clients whose presence
      // never showed until its renewal, not a file leaking into the next; the moved clock is
      // put back after each file (tests/helpers/clock.ts).
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], isolate: false, globalSetup: [serverBuild], setupFiles: [here('./tests/setup/picture-failures.ts')] } },
    ],
  },
});
