import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/http';
import { invitationToken, testPassword } from '../helpers/outbox';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';

/** An invitation left unused cannot bring back someone who accepted another and was then removed. */

let server: RunningServer;
let facilitator: ApiClient;
beforeAll(async () => {
  server = await startApp();
  facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
});
afterAll(async () => server?.stop());

async function invite(siteId: string, email: string): Promise<string> {
  expect((await facilitator.post(`/api/sites/${siteId}/invitations`, { email, role: 'stakeholder' })).status).toBe(201);
  return invitationToken(server.dataDir, email);
}

const accept = (token: string, password = testPassword) =>
  new ApiClient(server.url).post('/api/invitations/accept', { token, name: 'Twice Invited', password, organisation: 'Test Organisation', sector: 'other' });

describe('invitations spent and withdrawn', () => {
  it('accepting one invitation spends the others to the same site, so after removal the older one is refused', async () => {
    const siteId = (await facilitator.post('/api/sites', { name: 'Twiceham' })).body.id as string;
    const older = await invite(siteId, 'twice@twiceham.example');
    // Invited again: a second link to the same address, the first still working.
    const newer = await invite(siteId, 'twice@twiceham.example');
    expect(newer).not.toBe(older);
    expect((await facilitator.get(`/api/sites/${siteId}`)).body.invitations).toHaveLength(2);
    const joined = await accept(newer);
    expect(joined.status).toBe(200);
    const personId = joined.body.me.id as string;
    // Nothing is left waiting for them.
    expect((await facilitator.get(`/api/sites/${siteId}`)).body.invitations).toEqual([]);

    expect((await facilitator.delete(`/api/sites/${siteId}/members/${personId}`)).status).toBe(204);
    const refused = await accept(older);
    expect(refused.status).toBe(404);
    const members = (await facilitator.get(`/api/sites/${siteId}`)).body.members as { userId: string }[];
    expect(members.map((m) => m.userId)).not.toContain(personId);
    // Signing in works (the account stays), but the site is not theirs any more.
    const person = await ApiClient.signIn(server.url, 'twice@twiceham.example', testPassword);
    expect((await person.get(`/api/sites/${siteId}`)).status).toBe(403);
  });

  it('a member removed can still be invited again, and that new invitation works', async () => {
    const siteId = (await facilitator.post('/api/sites', { name: 'Returnton' })).body.id as string;
    const joined = await accept(await invite(siteId, 'back@returnton.example'));
    expect((await facilitator.delete(`/api/sites/${siteId}/members/${joined.body.me.id}`)).status).toBe(204);
    expect((await accept(await invite(siteId, 'back@returnton.example'))).status).toBe(200);
  });
});
