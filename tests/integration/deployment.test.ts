import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { dockerInstructions, dockerStages, execForm, only } from '../helpers/dockerfile';

/**
 * The container recipe, checked without Docker (this machine cannot pull base images): rules in
 * the spirit of hadolint for the Dockerfile and the compose file's shape. The image's runtime
 * folder is built and started by runtime-layout.test.ts.
 */
const repo = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(repo, file), 'utf8');

const dockerfile = dockerInstructions();
const stages = dockerStages(dockerfile);
const finalStage = stages.at(-1)!;

describe('the Dockerfile', () => {
  it('builds in stages from a pinned, supported Node LTS image (24), and installs only what it needs', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const from of only(dockerfile, 'FROM')) {
      expect(from.args, 'a base image pinned to an exact version, never "latest"').toMatch(/^node:24\.\d+\.\d+-[a-z]+-slim(\s+AS\s+\w+)?$/i);
    }
    const nodeVersion = /^node:(\d+\.\d+\.\d+)/.exec(only(finalStage, 'FROM')[0]!.args)![1]!;
    const engines = JSON.parse(read('package.json')).engines.node as string;
    const [major, minor] = nodeVersion.split('.').map(Number) as [number, number];
    const [needMajor, needMinor] = /^>=(\d+)\.(\d+)/.exec(engines)!.slice(1).map(Number) as [number, number];
    expect(major > needMajor || (major === needMajor && minor >= needMinor), `Node ${nodeVersion} satisfies ${engines}`).toBe(true);
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
    // Compiled JavaScript, no TypeScript loader; `npm run start:prod` is the same command.
    const command = execForm(only(finalStage, 'CMD')[0]!.args);
    expect(command).toEqual(['node', 'dist/server/main.js']);
    expect(JSON.parse(read('package.json')).scripts['start:prod']).toBe(command.join(' '));
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
  interface Service {
    image?: string;
    build?: string;
    command?: string[];
    environment?: Record<string, string>;
    volumes?: string[];
    ports?: string[];
    stop_grace_period?: string;
    depends_on?: Record<string, { condition: string }>;
  }
  const compose = parseYaml(read('compose.yaml'), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
  const apps = Object.entries(compose.services).filter(([, s]) => s.build === '.');
  const caddyfile = read(compose.services.proxy!.volumes!.find((v) => v.includes('Caddyfile'))!.split(':')[0]!);

  it('runs two app processes in production mode on PostgreSQL, with Redis only between them, both with passwords, behind a proxy to both', () => {
    expect(apps).toHaveLength(2);
    for (const [, app] of apps) {
      expect(app.environment).toMatchObject({
        NODE_ENV: 'production',
        DATABASE_URL: expect.stringMatching(/^postgres:\/\/link:\$\{POSTGRES_PASSWORD:\?[^}]+\}@postgres:5432\/link$/),
        REDIS_URL: expect.stringMatching(/^redis:\/\/:\$\{REDIS_PASSWORD:\?[^}]+\}@redis:6379$/),
      });
      expect(app.depends_on).toMatchObject({ postgres: { condition: 'service_healthy' } });
      // Required, never defaulted: compose refuses to start without them (the app would too).
      for (const name of ['PUBLIC_URL', 'SMTP_URL', 'MAIL_FROM']) expect(app.environment?.[name], name).toMatch(/\$\{\w+:\?/);
      expect(app.environment?.PUBLIC_URL).toMatch(/^https:\/\//);
      // The drain and the 15 s after it fit inside the stop timeout.
      expect(Number.parseInt(app.stop_grace_period!, 10)).toBeGreaterThanOrEqual(Number(app.environment!.DRAIN_SECONDS) + 15);
    }
    // Redis keeps nothing: it is never the only copy of anything.
    expect(compose.services.redis!.command?.join(' ')).toMatch(/--appendonly no --save '' --requirepass "\$\$REDIS_PASSWORD"/);
    expect(compose.services.redis!.volumes).toBeUndefined();
    // PostgreSQL keeps its data in a named volume.
    expect(compose.services.postgres!.volumes).toContain('postgres-data:/var/lib/postgresql/data');
    expect(Object.keys(compose.volumes)).toContain('postgres-data');
    for (const [name, service] of Object.entries(compose.services)) {
      // A release, not a moving tag (PostgreSQL numbers its releases major.minor).
      if (service.image) expect(service.image, `${name} pins its image`).toMatch(service.image.startsWith('postgres:') ? /:\d+\.\d+(-[a-z]+)?$/ : /:\d+\.\d+\.\d+(-[a-z]+)?$/);
    }
    for (const [name] of apps) expect(caddyfile).toContain(`${name}:3000`);
    expect(caddyfile).toMatch(/health_uri \/readyz/);
  });

  it("sends each board's connections to one process while it is up (the board's address picks it) and everything else to either", () => {
    const upstreams = apps.map(([name]) => `${name}:3000`).join(' ');
    const route = (handle: string, policy: string) => new RegExp(`${handle} \\{\\s*reverse_proxy ${upstreams} \\{\\s*lb_policy ${policy}\\s*import to_the_apps\\s*\\}`);
    // The board's document is named in its address (/collab/<document>), nothing per person.
    expect(caddyfile).toMatch(route('handle /collab/\\*', 'uri_hash'));
    expect(caddyfile).toMatch(route('handle', 'round_robin'));
    // Both routes wait for readiness, so a draining process gets no new board either.
    expect(caddyfile).toMatch(/\(to_the_apps\) \{[^}]*health_uri \/readyz/);
  });

  it('is a configuration Caddy itself accepts (Debian\'s caddy, which `npm test` installs)', () => {
    const file = compose.services.proxy!.volumes!.find((v) => v.includes('Caddyfile'))!.split(':')[0]!;
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-caddy-'));
    const env = { ...process.env, SITE_DOMAIN: 'link.example.org', ACME_EMAIL: 'ops@example.org', HOME: home, XDG_DATA_HOME: home, XDG_CONFIG_HOME: home };
    const validated = spawnSync('caddy', ['validate', '--adapter', 'caddyfile', '--config', file], { cwd: repo, env, encoding: 'utf8' });
    expect(validated.stderr + validated.stdout).toContain('Valid configuration');
    expect(validated.status).toBe(0);
  });

  it('publishes only the proxy, serves TLS with a kept certificate volume, and keeps metrics and readiness off the public routes', () => {
    const publishing = Object.entries(compose.services).filter(([, s]) => s.ports?.length).map(([name]) => name);
    expect(publishing).toEqual(['proxy']);
    expect(compose.services.proxy!.ports).toEqual(expect.arrayContaining(['80:80', '443:443']));
    // Caddy's automatic HTTPS for the site's domain, its certificates in a named volume.
    expect(caddyfile).toMatch(/^\{\$SITE_DOMAIN\} \{/m);
    expect(compose.services.proxy!.volumes).toContain('caddy-data:/data');
    expect(Object.keys(compose.volumes)).toContain('caddy-data');
    const internal = /@internal path ([^\n]+)\n\s*respond @internal 404/.exec(caddyfile)?.[1]?.split(/\s+/);
    expect(internal).toEqual(expect.arrayContaining(['/metrics', '/readyz', '/healthz']));
    // The id Caddy gives a request reaches the app's log lines.
    expect(caddyfile).toContain('header_up X-Request-Id {http.request.uuid}');
  });

  it('backs PostgreSQL up every night, under a temporary name then renamed, keeping a set number of days', () => {
    const backup = compose.services.backup!.command!.join(' ');
    expect(backup).toMatch(/pg_dump -h postgres -U link -d link --format=custom --file="\$\$file\.partial"/);
    expect(backup).toMatch(/mv "\$\$file\.partial" "\$\$file"/);
    expect(backup).toMatch(/-mtime \+"\$\$BACKUP_KEEP_DAYS" -delete/);
    expect(compose.services.backup!.volumes).toContain('./backups:/backups');
  });

  it('names in deploy/env.example every setting compose.yaml requires', () => {
    const required = new Set([...read('compose.yaml').matchAll(/\$\{(\w+):\?/g)].map((m) => m[1]!));
    const example = new Set([...read('deploy/env.example').matchAll(/^(\w+)=/gm)].map((m) => m[1]!));
    expect([...required].filter((name) => !example.has(name))).toEqual([]);
  });
});
