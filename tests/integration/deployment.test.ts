import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { startServer, type RunningServer } from '../helpers/server';

/**
 * The container recipe, checked without Docker (this machine cannot pull base images): rules in
 * the spirit of hadolint for the Dockerfile, the compose file's shape, and the image's own start
 * command run here as the image would run it.
 */
const repo = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(repo, file), 'utf8');
const run = promisify(execFile);

interface Instruction {
  keyword: string;
  args: string;
}
/** The Dockerfile's instructions, continuation lines joined and comments dropped. */
function instructions(text: string): Instruction[] {
  return text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword!.toUpperCase(), args: rest.join(' ') };
    });
}

const dockerfile = instructions(read('Dockerfile'));
const stages = dockerfile.reduce<Instruction[][]>((all, i) => (i.keyword === 'FROM' ? [...all, [i]] : (all.at(-1)!.push(i), all)), []);
const finalStage = stages.at(-1)!;
const only = (stage: Instruction[], keyword: string) => stage.filter((i) => i.keyword === keyword);
/** The exec-form argument list of an instruction (`["node", "…"]`). */
const execForm = (args: string): string[] => JSON.parse(args.replace(/^CMD\s+/, ''));

describe('the Dockerfile', () => {
  it('builds in stages from a pinned Node 20 image, and installs only what it needs', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const from of only(dockerfile, 'FROM')) {
      expect(from.args, 'a base image pinned to an exact version, never "latest"').toMatch(/^node:20\.\d+\.\d+-[a-z]+-slim(\s+AS\s+\w+)?$/i);
    }
    const nodeVersion = /^node:(\d+\.\d+\.\d+)/.exec(only(finalStage, 'FROM')[0]!.args)![1]!;
    const engines = JSON.parse(read('package.json')).engines.node as string;
    const [major, minor] = nodeVersion.split('.').map(Number) as [number, number];
    const [needMajor, needMinor] = /^>=(\d+)\.(\d+)/.exec(engines)!.slice(1).map(Number) as [number, number];
    expect(major === needMajor && minor >= needMinor, `Node ${nodeVersion} satisfies ${engines}`).toBe(true);
    for (const step of only(dockerfile, 'RUN').filter((r) => r.args.includes('apt-get install'))) {
      expect(step.args).toContain('--no-install-recommends');
      expect(step.args).toContain('rm -rf /var/lib/apt/lists/*');
    }
    expect(only(dockerfile, 'ADD'), 'COPY, not ADD').toEqual([]);
  });

  it('runs as a non-root user, with a health check and an exec-form start command', () => {
    const user = only(finalStage, 'USER').at(-1)?.args;
    expect(user).toBeTruthy();
    expect(['root', '0']).not.toContain(user);
    expect(only(finalStage, 'HEALTHCHECK')).toHaveLength(1);
    expect(() => execForm(only(finalStage, 'CMD')[0]!.args)).not.toThrow();
    // What the last stage copies from the build exists after a build.
    for (const copy of only(finalStage, 'COPY')) {
      const source = /\/app\/(\S+)\s+\S+$/.exec(copy.args)?.[1];
      if (source && !source.startsWith('dist') && !source.startsWith('node_modules')) {
        for (const part of copy.args.match(/\/app\/(\S+)/g)!.map((p) => p.slice('/app/'.length))) expect(fs.existsSync(path.join(repo, part)), part).toBe(true);
      }
    }
  });

  it('keeps every package the server imports in "dependencies", since the image drops the rest', () => {
    const { dependencies } = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    const files = fs.readdirSync(repo, { recursive: true, encoding: 'utf8' }).filter((f) => /^(server|shared)\/.*\.ts$/.test(f));
    const imported = new Set<string>();
    for (const file of files) {
      for (const [, specifier] of read(file).matchAll(/from '([^'.@][^']*|@(?!shared\/)[^']+)'/g)) {
        if (specifier!.startsWith('node:')) continue;
        const parts = specifier!.split('/');
        imported.add(specifier!.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
      }
    }
    expect([...imported].filter((name) => !(name in dependencies))).toEqual([]);
  });
});

describe('compose.yaml and the proxy', () => {
  const compose = parseYaml(read('compose.yaml'), { merge: true }) as { services: Record<string, { image?: string; build?: string; command?: string[]; environment?: Record<string, string>; volumes?: string[] }> };

  it('runs two app processes on one Redis with an append-only file, behind a proxy to both', () => {
    const apps = Object.entries(compose.services).filter(([, s]) => s.build === '.');
    expect(apps).toHaveLength(2);
    for (const [, app] of apps) expect(app.environment?.REDIS_URL).toBe('redis://redis:6379');
    const redis = compose.services.redis!;
    expect(redis.command?.join(' ')).toMatch(/--appendonly yes --appendfsync always/);
    for (const [name, service] of Object.entries(compose.services)) {
      if (service.image) expect(service.image, `${name} pins its image`).toMatch(/:\d+\.\d+\.\d+(-[a-z]+)?$/);
    }
    const caddyfile = compose.services.proxy!.volumes!.find((v) => v.includes('Caddyfile'))!.split(':')[0]!;
    const proxy = read(caddyfile);
    for (const [name] of apps) expect(proxy).toContain(`${name}:3000`);
    expect(proxy).toMatch(/health_uri \/readyz/);
  });
});

describe('the image’s start command, run here', () => {
  let server: RunningServer | null = null;
  afterAll(async () => server?.stop());

  it('starts the server with the image’s settings, and the image’s health check passes only while it answers', async () => {
    const env = Object.fromEntries(
      only(finalStage, 'ENV')
        .flatMap((e) => e.args.split(/\s+/))
        .map((pair) => pair.split('=') as [string, string]),
    );
    expect(env).toMatchObject({ NODE_ENV: 'production', DATA_DIR: '/data', SEED_DEMO: '0' });
    const command = execForm(only(finalStage, 'CMD')[0]!.args);
    expect(command.slice(0, 1)).toEqual(['node']);
    expect(JSON.parse(read('package.json')).scripts['start:prod']).toBe(command.join(' '));
    // The helper runs `node --import tsx server/main.ts`: the very command, checked above.
    expect(command.slice(1)).toEqual(['--import', 'tsx', 'server/main.ts']);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-image-'));
    // Where it listens and keeps data is the test's; everything else is the image's.
    const { PORT: _port, HOST: _host, ...imageSettings } = env;
    server = await startServer({ dataDir, env: { ...imageSettings, DATA_DIR: dataDir, DEMO_PASSWORD: '' } });
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    // The app and the pages the server makes (in production mode, as in the image).
    expect(await (await fetch(`${server.url}/privacy`)).text()).toContain('<div id="root">');
    expect(await (await fetch(`${server.url}/sign-in`)).text()).toContain('<h1 class="govuk-heading-l">Sign in</h1>');

    const healthcheck = execForm(only(finalStage, 'HEALTHCHECK')[0]!.args.replace(/^.*?CMD\s+/, ''));
    await expect(run(healthcheck[0]!, healthcheck.slice(1), { env: { ...process.env, PORT: String(server.port) } })).resolves.toBeTruthy();
    await server.stop();
    await expect(run(healthcheck[0]!, healthcheck.slice(1), { env: { ...process.env, PORT: String(server.port) } })).rejects.toMatchObject({ code: 1 });
  }, 60_000);
});
