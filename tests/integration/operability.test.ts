import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/http';
import { startApp } from '../helpers/app';
import { demoPassword, freePort, type RunningServer } from '../helpers/server';
import { jsonLines } from '../helpers/start-attempt';

/**
 * What an operator reads and what a browser left open across a release gets: JSON log lines
 * that carry the request's id, mail failures called mail failures, and code files that are gone
 * answered 404. A production server, with a mail server that is not there.
 */
const publicUrl = 'https://link.example.test';
let server: RunningServer;

beforeAll(async () => {
  const nobodyListens = await freePort();
  server = await startApp({ env: { NODE_ENV: 'production', PUBLIC_URL: publicUrl, SMTP_URL: `smtp://127.0.0.1:${nobodyListens}`, SEED_DEMO: '1' } });
});
afterAll(async () => server?.stop());

/** Polls the server's log until a line matches, with a deadline. */
async function logLine(matches: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  await expect.poll(() => jsonLines(server.output()).some(matches), { timeout: 20_000, message: 'no such line in the server log' }).toBe(true);
  return jsonLines(server.output()).find(matches)!;
}

describe('an operable server', () => {
  it('answers a code file that does not exist with 404, not the app’s page', async () => {
    const missing = await fetch(`${server.url}/assets/board-phase-that-was-replaced-abc123.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await missing.text()).not.toContain('<div id="root">');
    // A page that does not exist is still the app's (the app says it is not found).
    expect((await fetch(`${server.url}/no-such-page`)).status).toBe(200);
  });

  it('keeps a sane X-Request-Id, makes one up for any other, echoes it, and puts it on the request’s log lines', async () => {
    const kept = await fetch(`${server.url}/api/no-such-route`, { headers: { 'X-Request-Id': 'proxy-7f3a.42' } });
    expect(kept.headers.get('x-request-id')).toBe('proxy-7f3a.42');
    const made = await fetch(`${server.url}/api/no-such-route`, { headers: { 'X-Request-Id': '<script>alert(1)</script>' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const none = await fetch(`${server.url}/api/no-such-route`);
    expect(none.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const line = await logLine((l) => l.reqId === 'proxy-7f3a.42');
    expect(line).toMatchObject({ res: { status: 404 } });
    expect(server.output()).not.toContain('<script>');
  });

  it('logs a mail server out of reach as mail not sent (not as the store), with the request’s id, and every line is JSON', async () => {
    const client = new ApiClient(server.url);
    const signIn = await client.request('POST', '/api/auth/login', { email: 'facilitator@demo.example', password: demoPassword }, { headers: { Origin: publicUrl } });
    expect(signIn.status).toBe(200);
    const invite = await client.request('POST', '/api/admin/facilitators', { email: 'new.facilitator@example.org', name: 'New Facilitator' }, { headers: { Origin: publicUrl, 'X-Request-Id': 'invite-1' } });
    expect(invite.status).toBe(503);
    expect(invite.body.error).toMatch(/email could not be sent/);
    const failure = await logLine((l) => l.msg === 'mail not sent');
    expect(failure).toMatchObject({ reqId: 'invite-1', level: 40 });
    expect(jsonLines(server.output()).filter((l) => l.msg === 'store unavailable')).toEqual([]);
    // The request's own line carries the id too; and nothing printed is anything but JSON.
    await logLine((l) => l.reqId === 'invite-1' && (l.res as { status?: number } | undefined)?.status === 503);
    expect(() => jsonLines(server.output())).not.toThrow();
  });
});
