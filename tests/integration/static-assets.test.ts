import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server';

/** The built client as a school's phone gets it: compressed, and cached where it never changes. */
let server: RunningServer;
let script: string;

beforeAll(async () => {
  server = await startServer();
  const index = fs.readFileSync(path.resolve(import.meta.dirname, '../../dist/client/index.html'), 'utf8');
  script = /src="(\/assets\/[^"]+\.js)"/.exec(index)![1]!;
});
afterAll(async () => {
  await server?.stop();
});

describe('static assets', () => {
  it('sends hashed assets pre-compressed, cached for a year', async () => {
    for (const [accepts, encoding] of [['br, gzip', 'br'], ['gzip', 'gzip']] as const) {
      const reply = await fetch(`${server.url}${script}`, { headers: { 'Accept-Encoding': accepts } });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-encoding')).toBe(encoding);
      expect(reply.headers.get('content-type')).toMatch(/javascript/);
      expect(reply.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect((await reply.text()).length).toBeGreaterThan(1000);
    }
    const plain = await fetch(`${server.url}${script}`, { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
  });

  it('has the page itself checked on every visit, so a new release is picked up', async () => {
    for (const page of ['/', '/s/some-survey-link-0000000000']) {
      const reply = await fetch(`${server.url}${page}`);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('cache-control')).toBe('no-cache');
      expect(await reply.text()).toContain('<div id="root">');
    }
  });
});
