import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startServer, type RunningServer } from '../helpers/server';
import { attemptStart, jsonLines } from '../helpers/start-attempt';

/**
 * A production start (NODE_ENV=production, as in the image) refuses the defaults that suit a
 * laptop, and every start-up failure names the setting to change, in JSON log lines.
 */
const folders: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-prod-'));
  folders.push(dir);
  return dir;
};
let server: RunningServer | null = null;
afterAll(async () => {
  await server?.stop();
  for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
});

const production = () => ({ NODE_ENV: 'production', PORT: '0', DATA_DIR: tempDir() });
const fatal = (output: string) => jsonLines(output).find((line) => line.level === 60)!;

describe('a production start', () => {
  it('with the defaults, refuses to start and names PUBLIC_URL and SMTP_URL', async () => {
    const { code, output } = await attemptStart(production());
    expect(code).toBe(1);
    const line = fatal(output);
    expect(line.settings).toEqual(['PUBLIC_URL', 'SMTP_URL']);
    expect(line.msg).toMatch(/PUBLIC_URL: is required in production/);
    expect(line.msg).toMatch(/SMTP_URL: is required in production \(NODE_ENV=production\), or MAIL_TO_FILES=1/);
  });

  it('refuses a PUBLIC_URL that is not https', async () => {
    const { code, output } = await attemptStart({ ...production(), PUBLIC_URL: 'http://link.example.org', MAIL_TO_FILES: '1' });
    expect(code).toBe(1);
    expect(fatal(output)).toMatchObject({ settings: ['PUBLIC_URL'], msg: expect.stringMatching(/PUBLIC_URL: must be an https: URL in production/) });
  });

  it('with an https PUBLIC_URL and mail to files on purpose, starts without the demo site or any password in its output', async () => {
    server = await startServer({ env: { NODE_ENV: 'production', PUBLIC_URL: 'https://link.example.test', MAIL_TO_FILES: '1', DEMO_PASSWORD: '', SEED_DEMO: '' } });
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const signIn = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://link.example.test' },
      body: JSON.stringify({ email: 'facilitator@demo.example', password: 'anything-at-all' }),
    });
    expect(signIn.status).toBe(401);
    expect(fs.existsSync(path.join(server.dataDir, 'demo-password.txt'))).toBe(false);
    expect(server.output()).not.toMatch(/Demo site|password/i);
    for (const line of jsonLines(server.output())) expect(line.level).toBeLessThan(50);
  });
});

describe('a start-up failure', () => {
  it('names DATABASE_URL when PostgreSQL cannot be reached, in JSON lines only, without its password', async () => {
    const port = await freePort();
    const { code, output } = await attemptStart({ ...production(), PUBLIC_URL: 'https://link.example.test', MAIL_TO_FILES: '1', DATABASE_URL: `postgres://lp:secret@127.0.0.1:${port}/link` });
    expect(code).toBe(1);
    expect(fatal(output)).toMatchObject({ setting: 'DATABASE_URL', msg: expect.stringMatching(new RegExp(`DATABASE_URL: PostgreSQL at postgres://lp:hidden@127.0.0.1:${port}/link`)) });
    expect(output).not.toContain('secret');
  });

  it('names DATA_DIR when the data folder cannot be written', async () => {
    const blocker = path.join(tempDir(), 'a-file');
    fs.writeFileSync(blocker, '');
    const { code, output } = await attemptStart({ ...production(), PUBLIC_URL: 'https://link.example.test', MAIL_TO_FILES: '1', DATA_DIR: path.join(blocker, 'data') });
    expect(code).toBe(1);
    expect(fatal(output)).toMatchObject({ setting: 'DATA_DIR', msg: expect.stringMatching(/DATA_DIR: the data folder .* cannot be written/) });
  });

  it('names PORT when the port is taken', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const { code, output } = await attemptStart({ ...production(), PUBLIC_URL: 'https://link.example.test', MAIL_TO_FILES: '1', PORT: String(port) });
      expect(code).toBe(1);
      expect(fatal(output)).toMatchObject({ setting: 'PORT', msg: expect.stringMatching(new RegExp(`PORT: port ${port} is already in use`)) });
    } finally {
      taken.close();
    }
  });
});
