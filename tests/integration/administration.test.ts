import { addHours } from 'date-fns';
import { afterAll, describe, expect, it } from 'vitest';
import { CloseCode } from '@shared/collab/close-codes';
import { adminCli } from '../helpers/admin-cli';
import { collabClient, whenSynced } from '../helpers/collab';
import { ApiClient } from '../helpers/http';
import { outbox, testPassword } from '../helpers/outbox';
import { connectedSocket } from '../helpers/realtime';
import { storageModes } from '../helpers/redis';
import { startApp } from '../helpers/app';
import { moveClockTo, restoreClock } from '../helpers/clock';
import { demoPassword, type RunningServer } from '../helpers/server';
import { meetingBoardDocName } from '@shared/meetings/meeting';
import { bookingIn } from '../helpers/dates';

const servers: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

/** The admin command line against this server's own data. */
const admin = (server: RunningServer, env: Record<string, string>, ...args: string[]) => adminCli({ DATA_DIR: server.dataDir, PUBLIC_URL: server.url, ...env }, ...args);

const tokenIn = (text: string) => /\/set-password#([A-Za-z0-9_-]{32,64})/.exec(text.replace(/=\r?\n/g, ''))?.[1];
const latestMailTo = (server: RunningServer, email: string) => outbox(server.dataDir).filter((m) => m.includes(`To: ${email}`)).at(-1) ?? '';

describe.each(storageModes())('the first facilitator of a new installation (%s)', (_mode, env) => {
  it('is made from the command line, sets a password from the printed link, and signs in; running it again is harmless', async () => {
    const server = await startApp({ env: { ...env, SEED_DEMO: '0' } });
    servers.push(server);
    // Nobody can sign in yet: there are no accounts at all.
    expect((await new ApiClient(server.url).post('/api/auth/login', { email: 'facilitator@demo.example', password: demoPassword })).status).toBe(401);

    // A first-time operator asks for help, and mistypes an option: words, not a stack trace.
    const help = await admin(server, env, '--help');
    expect({ code: help.code, usage: help.out.startsWith('Usage:') }).toEqual({ code: 0, usage: true });
    const typo = await admin(server, env, 'create-facilitator', '--emial', 'ruth@annafreud.example');
    expect(typo.code).toBe(2);
    expect(typo.out).toContain("Unknown option '--emial'");
    expect(typo.out).not.toMatch(/\n\s+at /);

    const made = await admin(server, env, 'create-facilitator', '--email', 'Ruth@AnnaFreud.example', '--name', 'Ruth Rowe', '--organisation', 'Anna Freud');
    expect(made.code, made.out).toBe(0);
    expect(made.out).toContain('Created facilitator Ruth Rowe <ruth@annafreud.example>');
    expect(made.out).not.toContain('PUBLIC_URL is not set');
    const token = tokenIn(made.out)!;
    // Before the password is set, no password works (not even an empty-looking one).
    expect((await new ApiClient(server.url).post('/api/auth/login', { email: 'ruth@annafreud.example', password: 'no user has this password' })).status).toBe(401);

    const ruth = new ApiClient(server.url);
    const set = await ruth.post('/api/auth/set-password', { token, password: testPassword });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ email: 'ruth@annafreud.example', role: 'facilitator', organisation: 'Anna Freud' });
    expect((await ruth.post('/api/sites', { name: 'First Borough' })).status).toBe(201);
    await ApiClient.signIn(server.url, 'ruth@annafreud.example', testPassword);
    // The link worked once.
    expect((await new ApiClient(server.url).post('/api/auth/set-password', { token, password: 'another long password' })).status).toBe(410);

    const again = await admin(server, env, 'create-facilitator', '--email', 'ruth@annafreud.example', '--name', 'Ruth Rowe');
    expect(again.code).toBe(0);
    expect(again.out).toContain('Already there: facilitator Ruth Rowe');
    await ApiClient.signIn(server.url, 'ruth@annafreud.example', testPassword);

    const bad = await admin(server, env, 'create-facilitator', '--email', 'not-an-email', '--name', 'X');
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('--email: Enter an email address in the correct format');
    expect((await admin(server, env, 'make-coffee')).out).toContain('Unknown command: make-coffee');
    // With only the data folder set, the link points at this machine, and the command says so.
    const local = await adminCli({ DATA_DIR: server.dataDir, ...env }, 'create-facilitator', '--email', 'sam@annafreud.example', '--name', 'Sam Rowe');
    expect(local.out).toContain('PUBLIC_URL is not set, so the link points at http://localhost:3000');
  }, 60_000);
});

describe('passwords and accounts', () => {
  let server: RunningServer;
  const lead = 'lead@demo.example';

  it('a forgotten password: the same answer for any address, a single-use link, every old session ended', async () => {
    server = await startApp();
    servers.push(server);
    const oldSession = await ApiClient.signIn(server.url, lead, demoPassword);
    const anyone = new ApiClient(server.url);
    const unknown = await anyone.post('/api/auth/forgotten-password', { email: 'nobody@nowhere.example' });
    const known = await anyone.post('/api/auth/forgotten-password', { email: lead });
    expect(known.status).toBe(202);
    expect(unknown).toMatchObject({ status: 202, body: known.body });
    expect((await anyone.post('/api/auth/forgotten-password', { email: 'not an email' })).status).toBe(400);

    // Links are made and mailed after answering, in the order asked: once the lead's has come,
    // the unknown address's request has been dealt with (and sent nothing).
    await expect.poll(() => tokenIn(latestMailTo(server, lead))).toBeDefined();
    expect(outbox(server.dataDir).some((m) => m.includes('To: nobody@nowhere.example'))).toBe(false);
    const token = tokenIn(latestMailTo(server, lead))!;
    expect((await anyone.post('/api/auth/set-password', { token, password: 'short' })).status).toBe(400);
    // A bad password changed nothing: the link still works.
    const reset = await anyone.post('/api/auth/set-password', { token, password: 'my new long password' });
    expect(reset.status).toBe(200);
    expect((await anyone.get('/api/me')).body.email).toBe(lead);
    expect((await oldSession.get('/api/me')).status).toBe(401);
    expect((await new ApiClient(server.url).post('/api/auth/login', { email: lead, password: demoPassword })).status).toBe(401);
    await ApiClient.signIn(server.url, lead, 'my new long password');
    expect((await anyone.post('/api/auth/set-password', { token, password: 'yet another password' })).status).toBe(410);
    expect((await anyone.post('/api/auth/set-password', { token: 'x'.repeat(43), password: 'yet another password' })).status).toBe(410);

    // Nobody can fill an inbox with links: five requests an address per quarter of an hour.
    const victim = 'stakeholder2@demo.example';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await new ApiClient(server.url).post('/api/auth/forgotten-password', { email: victim })).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    await expect.poll(() => outbox(server.dataDir).filter((m) => m.includes(`To: ${victim}`) && m.includes('set-password')).length).toBe(5);
  });

  it('an expired link is refused, and changes nothing', async () => {
    const shifted = await startApp();
    servers.push(shifted);
    await new ApiClient(shifted.url).post('/api/auth/forgotten-password', { email: lead });
    await expect.poll(() => tokenIn(latestMailTo(shifted, lead))).toBeDefined();
    const token = tokenIn(latestMailTo(shifted, lead))!;
    // Two hours later, the one-hour link has expired.
    moveClockTo(addHours(new Date(), 2));
    try {
      const late = await new ApiClient(shifted.url).post('/api/auth/set-password', { token, password: 'my new long password' });
      expect(late.status).toBe(410);
      expect(late.body.error).toMatch(/expired or has already been used/);
      await ApiClient.signIn(shifted.url, lead, demoPassword);
    } finally {
      restoreClock();
    }
  });

  it('changing your details and password, listing your sessions, and signing out everywhere', async () => {
    const here = await ApiClient.signIn(server.url, 'stakeholder1@demo.example', demoPassword);
    const there = await ApiClient.signIn(server.url, 'stakeholder1@demo.example', demoPassword);
    expect((await here.request('PATCH', '/api/me', { name: 'Sam Renamed', organisation: 'New Trust' })).status).toBe(200);
    expect((await here.get('/api/me')).body.name).toBe('Sam Renamed');
    expect((await here.request('PATCH', '/api/me', { name: '', organisation: 'x' })).status).toBe(400);

    const sessions = (await here.get('/api/me/sessions')).body as { current: boolean; browser: string }[];
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(JSON.stringify(sessions)).not.toMatch(/tokenHash/);

    expect((await here.post('/api/me/password', { currentPassword: 'wrong', newPassword: 'a new long password' })).status).toBe(422);
    expect((await here.post('/api/me/password', { currentPassword: demoPassword, newPassword: 'a new long password' })).status).toBe(204);
    // The other session ends; this one goes on.
    expect((await there.get('/api/me')).status).toBe(401);
    expect((await here.get('/api/me')).status).toBe(200);

    const third = await ApiClient.signIn(server.url, 'stakeholder1@demo.example', 'a new long password');
    expect((await here.post('/api/me/sign-out-everywhere')).status).toBe(204);
    expect((await here.get('/api/me')).status).toBe(401);
    expect((await third.get('/api/me')).status).toBe(401);
  });
});

describe('the administration area', () => {
  it('facilitators invite a facilitator, see accounts with their last sign-in, and deactivate one: its live connections close at once', async () => {
    const server = await startApp();
    servers.push(server);
    const facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
    const stakeholder = await ApiClient.signIn(server.url, 'stakeholder2@demo.example', demoPassword);
    expect((await stakeholder.get('/api/admin/accounts')).status).toBe(403);
    expect((await stakeholder.post('/api/admin/facilitators', { email: 'x@y.example', name: 'X' })).status).toBe(403);

    expect((await facilitator.post('/api/admin/facilitators', { email: 'nina@annafreud.example', name: 'Nina Noor' })).status).toBe(201);
    expect((await facilitator.post('/api/admin/facilitators', { email: 'stakeholder2@demo.example', name: 'Sasha' })).status).toBe(409);
    const nina = new ApiClient(server.url);
    expect((await nina.post('/api/auth/set-password', { token: tokenIn(latestMailTo(server, 'nina@annafreud.example'))!, password: testPassword })).status).toBe(200);
    expect((await nina.post('/api/sites', { name: 'Nina’s Borough' })).status).toBe(201);

    const accounts = (await facilitator.get('/api/admin/accounts')).body as { email: string; id: string; lastSignInAt: string | null }[];
    expect(accounts.find((a) => a.email === 'stakeholder2@demo.example')?.lastSignInAt).toBeTruthy();
    expect(accounts.find((a) => a.email === 'nina@annafreud.example')?.lastSignInAt).toBeTruthy();

    // Sasha is in a live meeting: a socket.io connection and a board connection.
    const siteId = (await facilitator.get('/api/sites')).body[0].id as string;
    const sasha = accounts.find((a) => a.email === 'stakeholder2@demo.example')!;
    const meetingId = (await facilitator.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: bookingIn(37), durationMinutes: 180, attendeeIds: [sasha.id] })).body.id;
    const socket = await connectedSocket(server.url, stakeholder.cookie);
    const board = collabClient(server.wsUrl, meetingBoardDocName(siteId, meetingId), stakeholder.cookie);
    await whenSynced(board);
    const socketClosed = new Promise<string>((resolve) => socket.on('disconnect', resolve));

    expect((await facilitator.post(`/api/admin/accounts/${sasha.id}/deactivate`)).status).toBe(200);
    expect(await socketClosed).toBe('io server disconnect');
    await expect.poll(() => board.closes.map((c) => c.code)).toContain(CloseCode.accountClosed);
    board.destroy();
    expect((await stakeholder.get('/api/me')).status).toBe(401);
    expect((await new ApiClient(server.url).post('/api/auth/login', { email: 'stakeholder2@demo.example', password: demoPassword })).status).toBe(403);
    // A reset link does not bring a closed account back.
    const mailsBefore = outbox(server.dataDir).length;
    await new ApiClient(server.url).post('/api/auth/forgotten-password', { email: 'stakeholder2@demo.example' });
    // A barrier: a reset asked for afterwards by an open account has been mailed, so the closed one's was dealt with.
    await new ApiClient(server.url).post('/api/auth/forgotten-password', { email: 'nina@annafreud.example' });
    await expect.poll(() => outbox(server.dataDir).slice(mailsBefore).some((m) => m.includes('To: nina@annafreud.example'))).toBe(true);
    expect(outbox(server.dataDir).slice(mailsBefore).some((m) => m.includes('To: stakeholder2@demo.example'))).toBe(false);
    const me = (await facilitator.get('/api/me')).body.id;
    expect((await facilitator.post(`/api/admin/accounts/${me}/deactivate`)).status).toBe(422);

    const audit = (await facilitator.get('/api/admin/audit')).body as { action: string; actor: string; subject: string }[];
    expect(audit.map((e) => [e.action, e.actor, e.subject])).toEqual([
      ['account-deactivated', 'Farah Facilitator', 'stakeholder2@demo.example'],
      ['facilitator-invited', 'Farah Facilitator', 'nina@annafreud.example'],
    ]);
    expect((await stakeholder.get('/api/admin/audit')).status).toBe(401);
  }, 60_000);
});
