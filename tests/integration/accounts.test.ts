import { formatDateTime } from '@shared/format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/http';
import { invitationToken, outbox } from '../helpers/outbox';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';
import { bookingIn } from '../helpers/dates';

let server: RunningServer;
beforeAll(async () => {
  server = await startApp();
});
afterAll(async () => server?.stop());

const signIn = (email: string, password = demoPassword) => ApiClient.signIn(server.url, email, password);

describe('signing in and out', () => {
  it('answers /healthz while the process lives, and /readyz once the store takes writes', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true, store: 'sqlite', fanOut: 'alone' });
  });

  it('signs in with email and password, sets an HttpOnly SameSite cookie, and signs out', async () => {
    const client = new ApiClient(server.url);
    const response = await client.request('POST', '/api/auth/login', { email: 'Facilitator@Demo.Example', password: demoPassword });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ email: 'facilitator@demo.example', role: 'facilitator' });
    const setCookie = response.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect((await client.get('/api/me')).body).toMatchObject({ email: 'facilitator@demo.example', name: 'Farah Facilitator' });
    const oldCookie = client.cookie;
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    // The old cookie no longer works, even if someone kept a copy.
    client.cookie = oldCookie;
    expect((await client.get('/api/me')).status).toBe(401);
  });

  it('refuses a wrong password or unknown email with 401 and the same message', async () => {
    const client = new ApiClient(server.url);
    const wrong = await client.request('POST', '/api/auth/login', { email: 'lead@demo.example', password: 'not the password' });
    const unknown = await client.request('POST', '/api/auth/login', { email: 'nobody@demo.example', password: 'whatever' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error).toBe(unknown.body.error);
    expect(client.cookie).toBe('');
  });

  it('a stakeholder has no facilitator role', async () => {
    const client = await signIn('stakeholder1@demo.example');
    const me = await client.get('/api/me');
    expect(me.body.role).toBeUndefined();
  });
});

describe('sites and access', () => {
  it('lists only the sites a person belongs to', async () => {
    const facilitator = await signIn('facilitator@demo.example');
    const created = await facilitator.post('/api/sites', { name: 'Northshire' });
    expect(created.status).toBe(201);
    const stakeholder = await signIn('stakeholder1@demo.example');
    const sites = await stakeholder.get('/api/sites');
    expect(sites.body.map((s: { name: string }) => s.name)).toEqual(['Demo Borough']);
    const facilitatorSites = await facilitator.get('/api/sites');
    expect(facilitatorSites.body.map((s: { name: string }) => s.name)).toEqual(['Demo Borough', 'Northshire']);
    // Not a member: 403 on the site, whatever its id.
    expect((await stakeholder.get(`/api/sites/${created.body.id}`)).status).toBe(403);
  });

  it('only facilitators create sites; names are unique', async () => {
    const lead = await signIn('lead@demo.example');
    expect((await lead.post('/api/sites', { name: 'Leadshire' })).status).toBe(403);
    const facilitator = await signIn('facilitator@demo.example');
    expect((await facilitator.post('/api/sites', { name: 'Demo Borough' })).status).toBe(409);
  });

  it('shows members and pending invitations of the site', async () => {
    const lead = await signIn('lead@demo.example');
    const [site] = (await lead.get('/api/sites')).body;
    const detail = await lead.get(`/api/sites/${site.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.myRole).toBe('lead');
    expect(detail.body.members.map((m: { email: string; role: string }) => `${m.email}:${m.role}`)).toEqual([
      'facilitator@demo.example:facilitator',
      'lead@demo.example:lead',
      'stakeholder1@demo.example:stakeholder',
      'stakeholder2@demo.example:stakeholder',
    ]);
    expect(JSON.stringify(detail.body)).not.toMatch(/passwordHash|password_hash|tokenHash/);
  });

  it('needs sign-in for the API', async () => {
    const anonymous = new ApiClient(server.url);
    expect((await anonymous.get('/api/me')).status).toBe(401);
    expect((await anonymous.get('/api/sites')).status).toBe(401);
  });
});

describe('invitations', () => {
  it('a facilitator invites a lead, who accepts with a name and password and can then sign in', async () => {
    const facilitator = await signIn('facilitator@demo.example');
    const site = (await facilitator.post('/api/sites', { name: 'Westvale' })).body;
    const invited = await facilitator.post(`/api/sites/${site.id}/invitations`, { email: 'New.Lead@Westvale.example', role: 'lead' });
    expect(invited.status).toBe(201);
    expect((await facilitator.get(`/api/sites/${site.id}`)).body.invitations.map((i: { email: string }) => i.email)).toEqual([
      'new.lead@westvale.example',
    ]);

    const token = invitationToken(server.dataDir, 'new.lead@westvale.example');
    const visitor = new ApiClient(server.url);
    const preview = await visitor.post('/api/invitations/lookup', { token });
    expect(preview.body).toEqual({ siteName: 'Westvale', email: 'new.lead@westvale.example', role: 'lead', hasAccount: false });

    const tooShort = await visitor.post('/api/invitations/accept', { token, name: 'Wendy Lead', password: 'short' });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.fields.password).toMatch(/10 characters/);

    const accepted = await visitor.post('/api/invitations/accept', { token, name: 'Wendy Lead', password: 'a long enough password', organisation: 'Test Org', sector: 'other' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.siteId).toBe(site.id);
    expect((await visitor.get('/api/me')).body.name).toBe('Wendy Lead');

    // Single use.
    const again = await new ApiClient(server.url).post('/api/invitations/accept', { token, name: 'Someone', password: 'another long password' });
    expect(again.status).toBe(410);

    // The lead now invites a stakeholder, but may not invite another lead.
    const lead = await ApiClient.signIn(server.url, 'new.lead@westvale.example', 'a long enough password');
    expect((await lead.post(`/api/sites/${site.id}/invitations`, { email: 'lead2@westvale.example', role: 'lead' })).status).toBe(403);
    expect((await lead.post(`/api/sites/${site.id}/invitations`, { email: 'sh@westvale.example', role: 'stakeholder' })).status).toBe(201);
  });

  it('a stakeholder cannot invite anyone; only a facilitator can invite a facilitator', async () => {
    const stakeholder = await signIn('stakeholder1@demo.example');
    const [site] = (await stakeholder.get('/api/sites')).body;
    const before = outbox(server.dataDir).length;
    expect((await stakeholder.post(`/api/sites/${site.id}/invitations`, { email: 'x@example.org', role: 'stakeholder' })).status).toBe(403);
    const lead = await signIn('lead@demo.example');
    const refused = await lead.post(`/api/sites/${site.id}/invitations/bulk`, { emails: 'f@example.org', role: 'facilitator' });
    expect(refused).toMatchObject({ status: 403, body: { error: 'A strategic lead cannot invite a facilitator' } });
    expect(outbox(server.dataDir).length).toBe(before);
  });

  it('a facilitator adds a co-facilitator, who joins as a facilitator and can run the site’s meetings', async () => {
    const facilitator = await signIn('facilitator@demo.example');
    const site = (await facilitator.post('/api/sites', { name: 'Co-facilitated Borough' })).body;
    expect((await facilitator.post(`/api/sites/${site.id}/invitations`, { email: 'second.trainer@annafreud.example', role: 'facilitator' })).status).toBe(201);
    const colleague = new ApiClient(server.url);
    const accepted = await colleague.post('/api/invitations/accept', {
      token: invitationToken(server.dataDir, 'second.trainer@annafreud.example'),
      name: 'Second Trainer',
      password: 'a long enough password',
      organisation: 'Anna Freud',
      sector: 'voluntary-sector',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.me.role).toBe('facilitator');
    const detail = (await colleague.get(`/api/sites/${site.id}`)).body;
    expect(detail.myRole).toBe('facilitator');
    expect(detail.abilities).toEqual(expect.arrayContaining(['schedule-meeting', 'invite-people']));
    const meeting = await colleague.post(`/api/sites/${site.id}/meetings`, { kind: 'consultation', startsAt: bookingIn(37), durationMinutes: 120 });
    expect(meeting.status).toBe(201);
    expect((await colleague.post(`/api/meetings/${meeting.body.id}/start`)).status).toBe(200);
  });

  it('an invitation can be sent again with a new link, or withdrawn so that its link stops working', async () => {
    const facilitator = await signIn('facilitator@demo.example');
    const site = (await facilitator.post('/api/sites', { name: 'Withdrawn Borough' })).body;
    const first = (await facilitator.post(`/api/sites/${site.id}/invitations`, { email: 'maybe@withdrawn.example', role: 'lead' })).body;
    const firstToken = invitationToken(server.dataDir, 'maybe@withdrawn.example');
    const again = await facilitator.post(`/api/sites/${site.id}/invitations`, { email: 'maybe@withdrawn.example', role: 'lead' });
    expect(again.status).toBe(201);
    const secondToken = invitationToken(server.dataDir, 'maybe@withdrawn.example');
    expect(secondToken).not.toBe(firstToken);
    const stakeholder = await signIn('stakeholder1@demo.example');
    expect((await stakeholder.request('DELETE', `/api/sites/${site.id}/invitations/${first.id}`, {})).status).toBe(403);
    expect((await facilitator.request('DELETE', `/api/sites/${site.id}/invitations/${again.body.id}`, {})).status).toBe(204);
    expect((await facilitator.request('DELETE', `/api/sites/${site.id}/invitations/${again.body.id}`, {})).status).toBe(404);
    const visitor = new ApiClient(server.url);
    expect((await visitor.post('/api/invitations/lookup', { token: secondToken })).status).toBe(404);
    expect((await visitor.post('/api/invitations/lookup', { token: firstToken })).status).toBe(200);
    expect((await facilitator.get(`/api/sites/${site.id}`)).body.invitations.map((i: { id: string }) => i.id)).toEqual([first.id]);
  });

  it('invites several people at once from a pasted list or spreadsheet rows, saying who was left out and why', async () => {
    const facilitator = await signIn('facilitator@demo.example');
    const site = (await facilitator.post('/api/sites', { name: 'Bulk Borough' })).body;
    await facilitator.post(`/api/sites/${site.id}/invitations`, { email: 'lead@demo.example', role: 'lead' });
    const before = outbox(server.dataDir).length;
    const bad = await facilitator.post(`/api/sites/${site.id}/invitations/bulk`, { emails: 'ok@bulk.example, not-an-address@', role: 'stakeholder' });
    expect(bad).toMatchObject({ status: 400, body: { fields: { emails: 'These are not email addresses: not-an-address@' } } });
    expect(outbox(server.dataDir).length).toBe(before);
    const pasted = [
      'Name,Email,Organisation',
      'Ann Jones,Ann.Jones@School.example,Hill Academy',
      '"Ben Cole" <ben@cypmhs.example>; cara@council.example',
      'dev@vcs.example',
      'ann.jones@school.example',
      'lead@demo.example',
      'eve@ep.example',
    ].join('\n');
    const sent = await facilitator.post(`/api/sites/${site.id}/invitations/bulk`, { emails: pasted, role: 'stakeholder' });
    expect(sent.status).toBe(201);
    expect(sent.body.sent.map((i: { email: string }) => i.email)).toEqual(['ann.jones@school.example', 'ben@cypmhs.example', 'cara@council.example', 'dev@vcs.example', 'eve@ep.example']);
    expect(sent.body.skipped).toEqual([{ email: 'lead@demo.example', reason: 'This person has already been invited and has not answered yet' }]);
    expect(outbox(server.dataDir).length).toBe(before + 5);
    // Each says when its link expires in UK time, as the site page does, not in GMT.
    const mail = outbox(server.dataDir).find((m) => m.includes('To: eve@ep.example'))!.replace(/=\r?\n/g, '');
    const expiry = sent.body.sent.find((i: { email: string }) => i.email === 'eve@ep.example').expiresAt as string;
    expect(mail).toContain(`expires on ${formatDateTime(expiry)}.`);
    expect(mail).not.toContain('GMT');
  });

  it('someone with an account joins another site with their existing password', async () => {
    const facilitator = await signIn('facilitator@demo.example');
    const site = (await facilitator.post('/api/sites', { name: 'Eastmoor' })).body;
    await facilitator.post(`/api/sites/${site.id}/invitations`, { email: 'stakeholder2@demo.example', role: 'stakeholder' });
    const token = invitationToken(server.dataDir, 'stakeholder2@demo.example');
    const visitor = new ApiClient(server.url);
    expect((await visitor.post('/api/invitations/lookup', { token })).body.hasAccount).toBe(true);
    expect((await visitor.post('/api/invitations/accept', { token, password: 'wrong password' })).status).toBe(401);
    const accepted = await visitor.post('/api/invitations/accept', { token, password: demoPassword });
    expect(accepted.status).toBe(200);
    expect((await visitor.get('/api/sites')).body.map((s: { name: string }) => s.name)).toEqual(['Demo Borough', 'Eastmoor']);
  });

  it('an unknown or tampered token is refused', async () => {
    const visitor = new ApiClient(server.url);
    expect((await visitor.post('/api/invitations/lookup', { token: 'x'.repeat(43) })).status).toBe(404);
    expect((await visitor.post('/api/invitations/lookup', { token: '../../etc' })).status).toBe(400);
  });

  it('a lead removes a stakeholder, who then loses access', async () => {
    const facilitator = await signIn('facilitator@demo.example');
    const site = (await facilitator.post('/api/sites', { name: 'Southbay' })).body;
    await facilitator.post(`/api/sites/${site.id}/invitations`, { email: 'temp@southbay.example', role: 'stakeholder' });
    const token = invitationToken(server.dataDir, 'temp@southbay.example');
    const temp = new ApiClient(server.url);
    const accepted = await temp.post('/api/invitations/accept', { token, name: 'Temp Person', password: 'temporary password', organisation: 'Test Org', sector: 'other' });
    const me = (await temp.get('/api/me')).body;
    expect(accepted.status).toBe(200);
    expect((await temp.delete(`/api/sites/${site.id}/members/${me.id}`)).status).toBe(403);
    expect((await facilitator.delete(`/api/sites/${site.id}/members/${me.id}`)).status).toBe(204);
    expect((await temp.get(`/api/sites/${site.id}`)).status).toBe(403);
  });
});

describe('security basics', () => {
  it('sends security headers', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('refuses state changes from another origin or not sent as JSON', async () => {
    const facilitator = await signIn('facilitator@demo.example');
    const crossSite = await facilitator.request('POST', '/api/sites', { name: 'Evil' }, { headers: { Origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
    const form = await facilitator.request('POST', '/api/sites', undefined, {
      rawBody: 'name=Evil',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    expect((await facilitator.get('/api/sites')).body.map((s: { name: string }) => s.name)).not.toContain('Evil');
  });

  it('never logs passwords or tokens', async () => {
    const facilitator = await signIn('facilitator@demo.example');
    const site = (await facilitator.post('/api/sites', { name: 'Logcheck' })).body;
    await facilitator.post(`/api/sites/${site.id}/invitations`, { email: 'log@check.example', role: 'lead' });
    const token = invitationToken(server.dataDir, 'log@check.example');
    await new ApiClient(server.url).post('/api/invitations/accept', { token, name: 'Log Check', password: 'secret password 123', organisation: 'Test Org', sector: 'other' });
    await new ApiClient(server.url).request('POST', '/api/auth/login', { email: 'log@check.example', password: 'another secret 456' });
    const logs = server.output();
    expect(logs).toContain('/api/invitations/accept');
    expect(logs).not.toContain(token);
    expect(logs).not.toContain('secret password 123');
    expect(logs).not.toContain('another secret 456');
    expect(logs).not.toContain(facilitator.cookie.split('=')[1]);
  });
});
