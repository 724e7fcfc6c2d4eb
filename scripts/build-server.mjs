// `npm run build`, after the client: bundles the server into plain JavaScript in dist/server, so
// production runs `node dist/server/main.js` with no TypeScript loader. The bundle includes our
// code (server/, shared/ and the client components the server draws pages with) and the packages
// it uses, so a start reads a few files instead of resolving and compiling some seven hundred
// modules one by one (0.78 s of CPU to ready against 1.03 s with every package loaded from
// node_modules). The packages in `loadedFromNodeModules` stay there, each for its reason.
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import * as esbuild from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
// `--outdir <folder>`: the tests build their own copy (tests/setup/server-build.ts), leaving dist/ alone.
const outdirFlag = process.argv.indexOf('--outdir');
const outdir = outdirFlag > 0 ? path.resolve(process.argv[outdirFlag + 1]) : path.join(root, 'dist/server');
const { dependencies } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
/** Packages the bundle leaves in node_modules, loaded from there at run time. */
const loadedFromNodeModules = {
  'better-sqlite3': 'a native module',
  pdfkit: 'reads its font files from its own folder',
  pino: 'starts its transports as worker threads from its own files',
  'pino-http': 'takes pino as it is installed',
  'socket.io': "serves its client's files from the socket.io-client package",
  nodemailer: 'loads its transports and well-known services from its own folder',
  ioredis: 'reads its own package.json for the version it tells Redis (and loads only with REDIS_URL)',
};
const external = Object.keys(loadedFromNodeModules);
for (const name of external) if (!(name in dependencies)) throw new Error(`${name} is not in "dependencies"`);

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
  external: external.flatMap((name) => [name, `${name}/*`]),
  // Bundled CommonJS packages call require() for Node's own modules and for what stays external;
  // an ES module has no require of its own.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
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

// What the bundle takes from node_modules must come from "dependencies" (with what they depend
// on): a package only in devDependencies would be bundled unnoticed, and one left external but not
// a dependency would be missing from the image at start. Either fails the build here.
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')).packages;
const problems = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const installedAt = input.match(/^(?:.*\/)?(node_modules\/(?:@[^/]+\/)?[^/]+(?:\/node_modules\/(?:@[^/]+\/)?[^/]+)*)\//)?.[1];
  if (installedAt && (!lock[installedAt] || lock[installedAt].dev)) problems.add(`${installedAt} is bundled but is not a production dependency`);
}
/** Required inside try/catch by packages that work without them; never installed here. */
const optionalAtRunTime = ['pg-native', 'pg-cloudflare', 'bufferutil', 'utf-8-validate', 'supports-color'];
const packageOf = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
for (const output of Object.values(result.metafile.outputs)) {
  for (const { path: specifier, external: left } of output.imports) {
    if (!left || specifier.startsWith('node:') || specifier.startsWith('./') || builtinModules.includes(specifier)) continue;
    const name = packageOf(specifier);
    if (!external.includes(name) && !optionalAtRunTime.includes(name)) problems.add(`${specifier} is imported at run time but not kept in node_modules`);
  }
}
if (problems.size) {
  console.error(`The server bundle is not sound:\n  ${[...problems].join('\n  ')}`);
  process.exit(1);
}
fs.writeFileSync(path.join(outdir, 'main.js'), "// Built by scripts/build-server.mjs: NODE_ENV first, then the server.\nimport './production-mode.js';\nimport './server.js';\n");
if (outdirFlag < 0) console.log(`Built the server into ${path.relative(root, outdir)}/ (main.js, cli.js)`);
