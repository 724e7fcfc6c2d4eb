import fs from 'node:fs';
import path from 'node:path';

/**
 * The node arguments that run the server's `main` or the operator's `cli`: the bundle built for
 * this test run (tests/setup/server-build.ts) when there is one, else the source through tsx (a
 * benchmark, or a helper used outside vitest).
 */
export function serverEntry(entry: 'main' | 'cli'): string[] {
  const built = process.env.TEST_SERVER_BUILD;
  if (built && fs.existsSync(path.join(built, 'main.js'))) return [path.join(built, `${entry}.js`)];
  return ['--import', 'tsx', entry === 'main' ? 'server/main.ts' : 'server/admin/cli.ts'];
}
