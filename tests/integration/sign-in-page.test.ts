import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';

/**
 * The sign-in page made by the server, driven as a browser without JavaScript would and as a
 * hostile script would: forms from elsewhere, addresses to be sent on to, guessing.
 */
let server: RunningServer;

beforeAll(async () => {
  server = await startApp({ env: { AUTH_RATE_LIMIT: '4' } });
});
afterAll(async () => {
  await server?.stop();
});

/** A form post as the sign-in page sends it. */
function post(fields: Record<string, string>, options: { query?: string; origin?: string; cookie?: string } = {}) {
  return fetch(`${server.url}/sign-in${options.query ?? ''}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: options.origin ?? server.url,
      // Each test its own address, so that the failed-attempt limit is counted per test.
      'X-Forwarded-For': '203.0.113.1',
      ...(options.cookie ? { Cookie: options.cookie } : {}),
    },
    body: new URLSearchParams(fields),
  });
}

const sessionCookie = (reply: Response) => reply.headers.get('set-cookie')?.split(';')[0] ?? null;

describe('the sign-in page', () => {
  it('is a plain form, never cached, titled for what it is', async () => {
    const reply = await fetch(`${server.url}/sign-in`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    const html = await reply.text();
    expect(html).toContain('<title>Sign in – Link Programme</title>');
    const form = /<form [^>]*>/.exec(html)![0];
    expect(form).toContain('method="post"');
    expect(form).toContain('action="/sign-in"');
    expect(html).toContain('name="email"');
    expect(html).toContain('name="password"');
  });

  it('signs in with a cookie scripts cannot read, and goes on to where the person was going', async () => {
    const reply = await post({ email: 'lead@demo.example', password: demoPassword }, { query: '?returnTo=%2Fdashboard%3Fstage%3Dsurvey' });
    expect(reply.status).toBe(303);
    expect(reply.headers.get('location')).toBe('/dashboard?stage=survey');
    expect(reply.headers.get('set-cookie')).toMatch(/HttpOnly/);
    // It lasts as long as the session (12 hours by default) from when the browser gets it, by
    // the browser's clock: a laptop whose clock is days out still keeps it (an Expires date made
    // by the server's clock would already be past there, or too far ahead).
    expect(reply.headers.get('set-cookie')).toMatch(/Max-Age=43200(;|$)/);
    const cookie = sessionCookie(reply)!;
    const me = await fetch(`${server.url}/api/me`, { headers: { Cookie: cookie } });
    expect((await me.json()).email).toBe('lead@demo.example');
    // Signed in already: the page sends them on.
    const again = await fetch(`${server.url}/sign-in?returnTo=%2Faccount`, { headers: { Cookie: cookie }, redirect: 'manual' });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/account');
  });

  it('never sends anyone on to another site', async () => {
    for (const returnTo of ['//evil.example/', '/\\evil.example', 'https://evil.example/', '/\r\nSet-Cookie: x=1', ' /account']) {
      const reply = await post({ email: 'lead@demo.example', password: demoPassword }, { query: `?returnTo=${encodeURIComponent(returnTo)}` });
      expect(reply.status, returnTo).toBe(303);
      expect(reply.headers.get('location'), returnTo).toBe('/');
    }
  });

  it('refuses a form posted from another site, and signs nobody in', async () => {
    const reply = await post({ email: 'lead@demo.example', password: demoPassword }, { origin: 'https://evil.example' });
    expect(reply.status).toBe(403);
    expect(reply.headers.get('set-cookie')).toBeNull();
    expect(await reply.text()).toContain('You can only sign in from this service’s own sign-in page');
  });

  it('says what is missing, keeps the email address but never the password', async () => {
    const empty = await post({ email: '', password: '' });
    expect(empty.status).toBe(400);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain('<title>Error: Sign in – Link Programme</title>');
    expect(emptyHtml).toContain('href="#email"');
    expect(emptyHtml).toContain('href="#password"');

    const wrong = await post({ email: 'lead@demo.example', password: 'not the password at all' }, { query: '?returnTo=%2Faccount' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const html = await wrong.text();
    expect(html).toContain('Enter a correct email address and password');
    expect(html).toContain('value="lead@demo.example"');
    expect(html).not.toContain('not the password at all');
    // The next try still goes back to where the person was going.
    expect(html).toContain('action="/sign-in?returnTo=%2Faccount"');
  });

  it('after repeated failures from one address, refuses even the right password, on the page', async () => {
    const headers = { 'X-Forwarded-For': '198.51.100.7' };
    const attempt = (password: string) =>
      fetch(`${server.url}/sign-in`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url, ...headers }, body: new URLSearchParams({ email: 'lead@demo.example', password }) });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt('a wrong password here')).status);
    const right = await attempt(demoPassword);
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(right.status).toBe(429);
    expect(right.headers.get('set-cookie')).toBeNull();
    expect(await right.text()).toContain('Too many attempts. Wait 15 minutes and try again.');
  });

  it('answers a body too large with a page, not a crash', async () => {
    const reply = await post({ email: 'a'.repeat(20_000), password: 'x' });
    expect(reply.status).toBe(413);
    expect(await reply.text()).toContain('There is a problem');
  });

  it('signs out with a plain form too, from this site only', async () => {
    const signedIn = sessionCookie(await post({ email: 'lead@demo.example', password: demoPassword }))!;
    const signOut = (origin: string) => fetch(`${server.url}/sign-out`, { method: 'POST', redirect: 'manual', headers: { Origin: origin, Cookie: signedIn } });
    expect((await signOut('https://evil.example')).status).toBe(403);
    expect((await fetch(`${server.url}/api/me`, { headers: { Cookie: signedIn } })).status).toBe(200);
    const reply = await signOut(server.url);
    expect(reply.status).toBe(303);
    expect(reply.headers.get('location')).toBe('/sign-in');
    expect((await fetch(`${server.url}/api/me`, { headers: { Cookie: signedIn } })).status).toBe(401);
  });
});
