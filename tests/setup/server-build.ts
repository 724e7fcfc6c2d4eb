import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Set once the bundle is built in this run: the projects' setups run in one process, each loading this module afresh. */
const builtThisRun = Symbol.for('link-programme.server-build');

/**
 * Builds the server as `npm run build` does, once per test run, for the tests that start it in a
 * child process (tests/helpers/server-build.ts). A start from the bundle takes about 0.65–0.8 s of
 * CPU to ready against 2.7 s through `tsx`, at each of some eighty starts a run, and it is what
 * production runs. Built afresh every run, so a test never starts yesterday's server; the
 * integration and browser projects share it (the server does not know which tests it serves).
 */
export default function setup(): void {
  const run = globalThis as { [builtThisRun]?: string };
  if (!run[builtThisRun]) {
    const repo = path.resolve(import.meta.dirname, '../..');
    const outdir = path.join(repo, 'test-artifacts/server-build');
    execFileSync(process.execPath, ['scripts/build-server.mjs', '--outdir', outdir], { cwd: repo, stdio: 'inherit' });
    run[builtThisRun] = outdir;
  }
  process.env.SERVER_BUNDLE_DIR = run[builtThisRun];
}
