// `npm run build`, after the client: bundles the server into plain JavaScript in dist/server, so
// production runs `node dist/server/main.js` with no TypeScript loader. The bundle includes our
// own code only (server/, shared/ and the client components the server draws pages with);
// packages stay external and are loaded from node_modules as usual, because some cannot be
// bundled (better-sqlite3's native module, pdfkit's font files read from its own folder).
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import * as esbuild from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
// `--outdir <folder>`: the tests build their own copy (tests/setup/server-build.ts), leaving dist/ alone.
const outdirFlag = process.argv.indexOf('--outdir');
const outdir = outdirFlag > 0 ? path.resolve(process.argv[outdirFlag + 1]) : path.join(root, 'dist/server');
const { dependencies } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const bundledPackages = ['date-fns', '@date-fns/tz'];

// production-mode.ts sets NODE_ENV before React and Express load. In one bundle its line would
// run after every package import (a module's imports are evaluated before its body), so it stays
// a module of its own, and main.js imports it before the server (imports run in order).
const productionModeFirst = {
  name: 'production-mode-first',
  setup(build) {
    build.onResolve({ filter: /^\.\/production-mode$/ }, () => ({ path: './production-mode.js', external: true }));
  },
};

fs.rmSync(outdir, { recursive: true, force: true });
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: { server: 'server/main.ts', cli: 'server/admin/cli.ts', 'production-mode': 'server/production-mode.ts' },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Packages stay in node_modules, but for date-fns: its root module loads all of its 300 files
  // (a tenth of a second of every start), where the bundle keeps the few functions we use.
  external: Object.keys(dependencies).filter((name) => !bundledPackages.includes(name)).flatMap((name) => [name, `${name}/*`]),
  // Pages drawn on the server and report writers load their packages (recharts, pdfkit, docx) when
  // first used, not at start: each lazy import is a chunk of its own.
  splitting: true,
  jsx: 'automatic',
  // The drawn pages' components import their stylesheets for Vite; the server needs none of it.
  loader: { '.scss': 'empty', '.css': 'empty' },
  plugins: [productionModeFirst],
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
});

// The image keeps only "dependencies": a package the bundle imports from anywhere else would be
// missing at run time (or, were it pure JavaScript, bundled unnoticed), so the build fails here
// rather than the container at start.
const packageOf = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
const missing = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const inNodeModules = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (inNodeModules && !bundledPackages.includes(inNodeModules[1])) missing.add(inNodeModules[1]);
}
for (const output of Object.values(result.metafile.outputs)) {
  for (const { path: specifier, external } of output.imports) {
    if (!external || specifier.startsWith('node:') || specifier.startsWith('./') || builtinModules.includes(specifier)) continue;
    if (!(packageOf(specifier) in dependencies)) missing.add(packageOf(specifier));
  }
}
if (missing.size) {
  console.error(`The server imports packages that are not in "dependencies" of package.json: ${[...missing].join(', ')}`);
  process.exit(1);
}
fs.writeFileSync(path.join(outdir, 'main.js'), "// Built by scripts/build-server.mjs: NODE_ENV first, then the server.\nimport './production-mode.js';\nimport './server.js';\n");
if (outdirFlag < 0) console.log(`Built the server into ${path.relative(root, outdir)}/ (main.js, cli.js)`);
