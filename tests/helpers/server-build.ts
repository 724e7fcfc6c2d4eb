import fs from 'node:fs';
import path from 'node:path';

/**
 * The node arguments that run the server's `main` or the operator's `cli`: the bundle in
 * SERVER_BUNDLE_DIR (built for each test run by tests/setup/server-build.ts; dist/server for the
 * benchmarks, which measure what production runs) when there is one, else the source through tsx.
 */
export function serverEntry(entry: 'main' | 'cli'): string[] {
  const built = process.env.SERVER_BUNDLE_DIR;
  if (built && fs.existsSync(path.join(built, 'main.js'))) return [path.join(built, `${entry}.js`)];
  return ['--import', 'tsx', entry === 'main' ? 'server/main.ts' : 'server/admin/cli.ts'];
}
