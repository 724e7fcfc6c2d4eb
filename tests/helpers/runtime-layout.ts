import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { copiesFromBuild, dockerInstructions, dockerStages, only, repoRoot } from './dockerfile';

/** The user the runtime runs as when the tests run as root: `nobody`, as the image's `node` is not root. */
export const unprivileged = { uid: 65534, gid: 65534 };
export const runningAsRoot = process.getuid?.() === 0;

/**
 * The image's runtime folder, made here as the Dockerfile makes it: the build stage's steps are
 * this checkout after `npm run build` (the client must be built already; the server is bundled
 * here) and `npm prune --omit=dev`, then exactly the runtime stage's COPY lines.
 */
export function buildRuntimeLayout(): { dir: string; stages: ReturnType<typeof dockerStages> } {
  const stages = dockerStages(dockerInstructions());
  const build = stages[0]!;
  const runtime = stages.at(-1)!;
  const buildSteps = only(build, 'RUN').map((r) => r.args);
  if (!buildSteps.some((step) => step.includes('npm run build') && step.includes('npm prune --omit=dev'))) {
    throw new Error('The build stage no longer runs `npm run build && npm prune --omit=dev`: this layout would not match it');
  }
  if (!fs.existsSync(path.join(repoRoot, 'dist/client/index.html'))) throw new Error('Build the client first: npx vite build');
  execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: repoRoot, stdio: 'pipe' });

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-runtime-'));
  fs.chmodSync(dir, 0o755);
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-build-stage-'));
  for (const { sources, destination } of copiesFromBuild(runtime)) {
    for (const source of sources) {
      const target = destination.endsWith('/') ? path.join(dir, destination, path.basename(source)) : path.join(dir, destination);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      if (source === 'node_modules') fs.renameSync(prunedNodeModules(staging), target);
      else fs.cpSync(path.join(repoRoot, source), target, { recursive: true });
    }
  }
  fs.rmSync(staging, { recursive: true, force: true });
  return { dir, stages };
}

/**
 * `npm prune --omit=dev` on a copy of node_modules made of hard links (quick, and prune only
 * unlinks). npm rewrites its own record of the tree, so that one file is a real copy: the
 * checkout's node_modules is never written to.
 */
function prunedNodeModules(staging: string): string {
  for (const file of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(repoRoot, file), path.join(staging, file));
  execFileSync('cp', ['-al', path.join(repoRoot, 'node_modules'), path.join(staging, 'node_modules')]);
  const record = path.join(staging, 'node_modules/.package-lock.json');
  fs.rmSync(record, { force: true });
  fs.copyFileSync(path.join(repoRoot, 'node_modules/.package-lock.json'), record);
  execFileSync('npm', ['prune', '--omit=dev', '--ignore-scripts', '--offline', '--no-audit', '--no-fund'], { cwd: staging, stdio: 'pipe' });
  return path.join(staging, 'node_modules');
}
