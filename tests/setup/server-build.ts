import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * Builds the server as `npm run build` does, once per test run and project, for the tests that
 * start it in a child process (tests/helpers/server-build.ts). A start from the bundle takes about
 * 0.65–0.8 s of CPU to ready against 2.7 s through `tsx`, at each of some eighty starts a run, and
 * it is what production runs. Built afresh every run, so a test never starts yesterday's server.
 */
export default function setup(project: TestProject): void {
  const repo = path.resolve(import.meta.dirname, '../..');
  const outdir = path.join(repo, 'test-artifacts/server-build', project.name);
  execFileSync(process.execPath, ['scripts/build-server.mjs', '--outdir', outdir], { cwd: repo, stdio: 'inherit' });
  process.env.SERVER_BUNDLE_DIR = outdir;
}
