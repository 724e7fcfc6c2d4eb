import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { execForm, only, stageEnv } from '../helpers/dockerfile';
import { buildRuntimeLayout, runningAsRoot, unprivileged } from '../helpers/runtime-layout';
import { bookingIn } from '../helpers/dates';
import { ApiClient } from '../helpers/http';
import { freePort } from '../helpers/server';

/**
 * The image, as near as this machine allows (it has no Docker daemon): the runtime folder built
 * from the Dockerfile's own COPY lines with a pruned node_modules, started there with the image's
 * command and settings as a user other than root. A file the runtime needs but the image leaves
 * out, or a package kept only for development, stops it here as it would stop the container.
 * It runs on this machine's Node, not the image's (README, "The image").
 */
const run = promisify(execFile);
const demoPassword = 'runtime-layout-demo-password';
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
  it('holds compiled JavaScript and production packages only, starts as a user other than root, draws pages and writes a meeting’s PDF and Word record', async () => {
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
      env: { PATH: process.env.PATH, ...stageEnv(runtime), PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, PUBLIC_URL: 'https://link.example.test', MAIL_TO_FILES: '1', SEED_DEMO: '1', DEMO_PASSWORD: demoPassword },
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

    // A meeting's record as PDF and Word: their writers are chunks of the bundle loaded when first
    // asked for, so a package the runtime lacks would fail only here, not at start.
    const facilitator = new ApiClient(url);
    const sameOrigin = { headers: { Origin: 'https://link.example.test' } };
    expect((await facilitator.request('POST', '/api/auth/login', { email: 'facilitator@demo.example', password: demoPassword }, sameOrigin)).status).toBe(200);
    const siteId = (await facilitator.get('/api/sites')).body[0].id as string;
    const meeting = await facilitator.request('POST', `/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: bookingIn(30), durationMinutes: 120 }, sameOrigin);
    expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);
    for (const step of ['start', 'close']) expect((await facilitator.request('POST', `/api/meetings/${meeting.body.id}/${step}`, {}, sameOrigin)).status, step).toBe(200);
    for (const [format, type, magic] of [['pdf', 'application/pdf', '%PDF-'], ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'PK']] as const) {
      const response = await fetch(`${url}/api/meetings/${meeting.body.id}/report.${format}`, { headers: { Cookie: facilitator.cookie } });
      expect(response.status, format).toBe(200);
      expect(response.headers.get('content-type'), format).toBe(type);
      expect(Buffer.from(await response.arrayBuffer()).subarray(0, magic.length).toString(), format).toBe(magic);
    }

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
