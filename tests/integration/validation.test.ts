import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowCounts } from '../helpers/db';
import { ApiClient } from '../helpers/http';
import { outbox } from '../helpers/outbox';
import { startApp } from '../helpers/app';
import { demoPassword, startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;
let facilitator: ApiClient;
let siteId: string;

beforeAll(async () => {
  server = await startApp();
  facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  siteId = (await facilitator.get('/api/sites')).body[0].id;
});
afterAll(async () => server?.stop());

/** Every route that takes a body, with a body that is valid in shape but for one field. */
const routes = () => [
  { path: '/api/auth/login', signedIn: false, wrongField: { email: 'not-an-email', password: 'x' } },
  { path: '/api/sites', signedIn: true, wrongField: { name: 'x'.repeat(500) } },
  { path: `/api/sites/${siteId}/invitations`, signedIn: true, wrongField: { email: 'someone@example.org', role: 'owner' } },
  { path: '/api/invitations/lookup', signedIn: false, wrongField: { token: 'short' } },
  { path: '/api/invitations/accept', signedIn: false, wrongField: { token: 'a'.repeat(43), name: '', password: '' } },
];

describe('bad input on every route gets a 400 with a message and changes nothing', () => {
  it.each(['malformed JSON', 'an empty object', 'a JSON array', 'a wrong field', 'no body'])('%s', async (kind) => {
    for (const route of routes()) {
      const client = route.signedIn ? facilitator : new ApiClient(server.url);
      const before = { rows: rowCounts(server.dataDir), mails: outbox(server.dataDir).length };
      const response =
        kind === 'malformed JSON'
          ? await client.request('POST', route.path, undefined, { rawBody: '{"name": "unterminated' })
          : kind === 'no body'
            ? await client.request('POST', route.path, undefined, { headers: { 'Content-Type': 'application/json' } })
            : await client.request('POST', route.path, kind === 'an empty object' ? {} : kind === 'a JSON array' ? [1, 2] : route.wrongField);
      expect(response.status, `${kind} → ${route.path}`).toBe(400);
      expect(typeof response.body.error, `${kind} → ${route.path}`).toBe('string');
      expect(response.body.error.length).toBeGreaterThan(5);
      expect(rowCounts(server.dataDir), `${kind} → ${route.path} wrote nothing`).toEqual(before.rows);
      expect(outbox(server.dataDir).length).toBe(before.mails);
    }
  });

  it('names each missing field so a form can show it next to the field', async () => {
    const response = await facilitator.request('POST', `/api/sites/${siteId}/invitations`, {});
    expect(response.body.fields).toMatchObject({ email: expect.any(String), role: expect.any(String) });
  });

  it('an unknown API route is a 404 in JSON', async () => {
    const response = await facilitator.get('/api/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body.error).toMatch(/no such/i);
  });

  it('an oversized body is refused with 413', async () => {
    const before = rowCounts(server.dataDir);
    const response = await facilitator.request('POST', '/api/sites', { name: 'x'.repeat(200_000) });
    expect(response.status).toBe(413);
    expect(rowCounts(server.dataDir)).toEqual(before);
  });
});

describe('rate limiting', () => {
  it('answers 429 after repeated failed sign-ins from one address, even to the right password', async () => {
    const limited = await startApp({ env: { AUTH_RATE_LIMIT: '3' } });
    try {
      const client = new ApiClient(limited.url);
      for (let i = 0; i < 3; i++) {
        expect((await client.request('POST', '/api/auth/login', { email: 'lead@demo.example', password: `guess ${i}` })).status).toBe(401);
      }
      const blocked = await client.request('POST', '/api/auth/login', { email: 'lead@demo.example', password: demoPassword });
      expect(blocked.status).toBe(429);
      expect(blocked.body.error).toMatch(/too many/i);
    } finally {
      await limited.stop();
    }
  });
});

describe('settings', () => {
  it('a server with a bad setting does not start, and says which variable is wrong', async () => {
    // The process is the point: it must exit, saying why.
    const started = startServer({ env: { SESSION_TTL_HOURS: 'twelve', SMTP_URL: 'mail.example.org' } });
    const failure = await started.then(
      () => null,
      (error: Error) => error.message,
    );
    expect(failure).toMatch(/server exited \(1\)/);
    // Said in a JSON log line, like every other, naming the variables.
    const fatal = JSON.parse(failure!.split('\n').find((line) => line.includes('"level":60'))!) as { settings: string[]; msg: string };
    expect(fatal.settings.sort()).toEqual(['SESSION_TTL_HOURS', 'SMTP_URL']);
    expect(fatal.msg).toMatch(/SESSION_TTL_HOURS: must be a whole number from 1 to 2160 \(it is "twelve"\)/);
    expect(fatal.msg).toMatch(/SMTP_URL: must be a smtp: or smtps: URL/);
  });
});

describe('metrics', () => {
  it('Prometheus metrics give connections, rooms, persist latency and HTTP latency by route pattern, with no ids in them', async () => {
    const api = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
    const siteId = (await api.get('/api/sites')).body[0].id as string;
    expect((await api.get(`/api/sites/${siteId}`)).status).toBe(200);
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await response.text();
    for (const name of ['link_collab_rooms', 'link_collab_connections', 'link_socket_connections', 'link_collab_persist_seconds_bucket', 'process_cpu_user_seconds_total']) expect(text).toContain(name);
    expect(text).toMatch(/link_http_request_seconds_count\{method="GET",route="\/api\/sites\/:siteId",status="200"\} 1/);
    expect(text).not.toContain(siteId);
  });
});
