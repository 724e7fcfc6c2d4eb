import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { execForm, only, stageEnv } from '../helpers/dockerfile';
import { buildRuntimeLayout, runningAsRoot, unprivileged } from '../helpers/runtime-layout';
import { freePort } from '../helpers/server';

/**
 * The image, as near as this machine allows (it has no Docker daemon): the runtime folder built
 * from the Dockerfile's own COPY lines with a pruned node_modules, started there with the image's
 * command and settings as a user other than root. A file the runtime needs but the image leaves
 * out, or a package kept only for development, stops it here as it would stop the container.
 * It runs on this machine's Node, not the image's (README, "The image").
 */
const run = promisify(execFile);
const started: ChildProcess[] = [];
const folders: string[] = [];
afterAll(() => {
  for (const child of started) child.kill('SIGKILL');
  for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
});

async function waitFor(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const status = async () => {
    if (child.exitCode !== null) throw new Error(`the runtime exited (${child.exitCode}):\n${output()}`);
    return fetch(url).then((r) => r.status, () => 0);
  };
  await expect.poll(status, { timeout: 30_000, interval: 100, message: `${url} never answered 200` }).toBe(200);
}

describe('the image’s runtime folder', () => {
  it('holds compiled JavaScript and production packages only, starts as a user other than root, and draws pages', async () => {
    const began = Date.now();
    const { dir, stages } = buildRuntimeLayout();
    folders.push(dir);
    const runtime = stages.at(-1)!;
    // No TypeScript sources and no TypeScript loader: the bundle has what the server draws with.
    expect(fs.readdirSync(dir).sort()).toEqual(['dist', 'node_modules', 'package.json']);
    for (const devOnly of ['tsx', 'vite', 'typescript', 'vitest']) expect(fs.existsSync(path.join(dir, 'node_modules', devOnly)), devOnly).toBe(false);

    const command = execForm(only(runtime, 'CMD')[0]!.args);
    expect(command).toEqual(['node', 'dist/server/main.js']);
    expect(only(runtime, 'USER').at(-1)?.args).toBe('node');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-runtime-data-'));
    folders.push(dataDir);
    if (runningAsRoot) fs.chownSync(dataDir, unprivileged.uid, unprivileged.gid);
    const port = await freePort();
    let output = '';
    const child = spawn(process.execPath, command.slice(1), {
      cwd: dir,
      // The image's settings and nothing of this machine's but PATH; where it listens and keeps data is the test's.
      env: { PATH: process.env.PATH, ...stageEnv(runtime), PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, PUBLIC_URL: 'https://link.example.test', MAIL_TO_FILES: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(runningAsRoot ? unprivileged : {}),
    });
    started.push(child);
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const url = `http://127.0.0.1:${port}`;
    await waitFor(`${url}/readyz`, child, () => output);
    console.log(`runtime folder built and started in ${Date.now() - began} ms`);

    const { stdout: user } = await run('ps', ['-o', 'uid=', '-p', String(child.pid)]);
    expect(Number(user.trim())).not.toBe(0);
    // A page drawn by the server from the client's components, and the built app itself.
    const signIn = await fetch(`${url}/sign-in`);
    expect(signIn.status).toBe(200);
    expect(await signIn.text()).toContain('<h1 class="govuk-heading-l">Sign in</h1>');
    expect(await (await fetch(`${url}/privacy`)).text()).toContain('<div id="root">');

    // The image's health check passes while it answers, and fails once it has stopped.
    const healthcheck = execForm(only(runtime, 'HEALTHCHECK')[0]!.args.replace(/^.*?CMD\s+/, ''));
    const healthEnv = { env: { ...process.env, PORT: String(port) } };
    await expect(run(healthcheck[0]!, healthcheck.slice(1), healthEnv)).resolves.toBeTruthy();
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
    await expect(run(healthcheck[0]!, healthcheck.slice(1), healthEnv)).rejects.toMatchObject({ code: 1 });
  }, 120_000);
});
