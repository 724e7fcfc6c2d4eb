import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkFiles, readBuildManifest } from '../../server/http/build-manifest';
import { ApiClient } from '../helpers/http';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';

/** The built client as a school's phone gets it: compressed, and cached where it never changes. */
let server: RunningServer;
let script: string;

beforeAll(async () => {
  server = await startApp();
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
    const reply = await fetch(`${server.url}/privacy`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('no-cache');
    expect(await reply.text()).toContain('<div id="root">');
  });

  it('sends with a meeting’s page hints to fetch who is signed in, the meeting and the board’s code at once', async () => {
    // A meeting the server does not draw (here: none such) is drawn by the app, with these hints.
    const cookie = (await ApiClient.signIn(server.url, 'stakeholder1@demo.example', demoPassword)).cookie;
    const reply = await fetch(`${server.url}/meetings/a-meeting-id`, { headers: { Cookie: cookie } });
    const hints = reply.headers.get('link')!.split(', ');
    expect(hints).toContain('</api/me>; rel=preload; as=fetch; crossorigin');
    expect(hints).toContain('</api/meetings/a-meeting-id>; rel=preload; as=fetch; crossorigin');
    const board = hints.find((h) => /^<\/assets\/MeetingPage-[^>]+\.js>; rel=modulepreload; crossorigin$/.test(h));
    expect(board).toBeDefined();
    const chunk = await fetch(`${server.url}${/^<([^>]+)>/.exec(board!)![1]}`, { headers: { 'Accept-Encoding': 'br' } });
    expect(chunk.status).toBe(200);
    expect(chunk.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // Nothing from the address goes into the header that is not an id.
    expect((await fetch(`${server.url}/meetings/%3E%2C%20%3Cevil`, { headers: { Cookie: cookie } })).headers.get('link')).toBe('</api/me>; rel=preload; as=fetch; crossorigin');
  });

  it('loads a board opened in the welcome without the code of the later phases, which come on their own', () => {
    const manifest = readBuildManifest(path.resolve(import.meta.dirname, '../../dist/client'));
    const board = chunkFiles(manifest, 'src/pages/meetings/MeetingPage.tsx');
    expect(board[0]).toBe(manifest['src/pages/meetings/MeetingPage.tsx']!.file);
    const later = ['meetings/board/DomainPanel', 'meetings/board/VotingPanel', 'meetings/board/GoalsPhase', 'meetings/board/ClosePhase', 'meetings/ClosedMeeting', 'survey/SurveyPage'];
    for (const page of later) {
      const file = manifest[`src/pages/${page}.tsx`]?.file;
      expect(file, page).toBeDefined();
      expect(board, page).not.toContain(file);
    }
  });

  it('gives the school survey and the sign-in page their own small stylesheet and script, compressed and cached for a year', async () => {
    const api = await ApiClient.signIn(server.url, 'lead@demo.example', demoPassword);
    const siteId = (await api.get('/api/sites')).body[0].id;
    const survey = await api.post(`/api/sites/${siteId}/surveys`, { accessMode: 'open', opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 86400_000).toISOString() });
    const page = await fetch(survey.body.publicUrl);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).not.toContain('<div id="root">');
    const assets = [/<link rel="stylesheet" href="(\/assets\/plain-[^"]+\.css)"/.exec(html)![1]!, /<script type="module" src="(\/assets\/plain-[^"]+\.js)"/.exec(html)![1]!];
    // The sign-in page is made the same way, and has the app's own files fetched while someone types.
    const signIn = await (await fetch(`${server.url}/sign-in`)).text();
    expect(signIn).not.toContain('<div id="root">');
    for (const asset of assets) expect(signIn).toContain(asset);
    const app = await (await fetch(`${server.url}/privacy`)).text();
    const appScript = /<script type="module" crossorigin src="([^"]+)"/.exec(app)![1]!;
    expect(signIn).toContain(`<link rel="prefetch" href="${appScript}"/>`);
    let compressedBytes = 0;
    for (const asset of assets) {
      const reply = await fetch(`${server.url}${asset}`, { headers: { 'Accept-Encoding': 'br, gzip' } });
      expect(reply.headers.get('content-encoding')).toBe('br');
      expect(reply.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      compressedBytes += Number(reply.headers.get('content-length'));
    }
    // The whole app's stylesheet and script are more than ten times as much.
    expect(compressedBytes).toBeLessThan(15_000);
  });
});
