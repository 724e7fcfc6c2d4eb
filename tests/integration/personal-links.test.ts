import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoInstrument } from '@shared/survey/demo-instrument';
import { allItems } from '@shared/survey/instrument';
import { ApiClient } from '../helpers/http';
import { outbox } from '../helpers/outbox';
import { demoPassword, startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;
let lead: ApiClient;
let campaignId: string;
let token: string;
const answers = Object.fromEntries(allItems(demoInstrument).map((item) => [item.id, 4]));

/** The code in the personal link mailed to `email` (after `#code=`). */
function codeMailedTo(email: string): string {
  const mails = outbox(server.dataDir).filter((m) => m.includes(`To: ${email}`));
  expect(mails).toHaveLength(1);
  const match = /#code=([A-Z0-9-]+)/.exec(mails[0]!.replace(/=\r?\n/g, '').replace(/=3D/g, '='));
  return match![1]!;
}

beforeAll(async () => {
  server = await startServer();
  lead = await ApiClient.signIn(server.url, 'lead@demo.example', demoPassword);
  const siteId = (await lead.get('/api/sites')).body[0].id;
  const created = await lead.post(`/api/sites/${siteId}/surveys`, { accessMode: 'personal', opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 86400_000).toISOString() });
  expect(created.status).toBe(201);
  campaignId = created.body.id;
  token = created.body.publicUrl.split('/s/')[1];
});
afterAll(async () => {
  await server?.stop();
});

describe('personal survey links', () => {
  it('refuses a bad list, or addresses of people on the site, and sends nothing', async () => {
    const before = outbox(server.dataDir).length;
    const invalid = await lead.post(`/api/surveys/${campaignId}/personal-links`, { addresses: 'head@oak.sch.uk\nnot-an-address' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toBe('These are not email addresses: not-an-address');
    const member = await lead.post(`/api/surveys/${campaignId}/personal-links`, { addresses: 'head@oak.sch.uk, stakeholder1@demo.example' });
    expect(member.status).toBe(400);
    expect(member.body.error).toContain('stakeholder1@demo.example');
    expect(outbox(server.dataDir).length).toBe(before);
  });

  it('emails each school a single-use link of its own; nobody is shown a code', async () => {
    const sent = await lead.post(`/api/surveys/${campaignId}/personal-links`, { addresses: 'head@oak.sch.uk\nOffice@Elm.sch.uk; senco@birch.ac.uk\nhead@oak.sch.uk' });
    expect(sent.status).toBe(201);
    expect(sent.body).toEqual({ sent: 3, alreadySent: 0 });
    expect(JSON.stringify(sent.body)).not.toMatch(/[A-Z0-9]{4}-[A-Z0-9]{4}/);
    expect((await lead.post(`/api/surveys/${campaignId}/codes`, { count: 5 })).status).toBe(409);
    const codes = ['head@oak.sch.uk', 'office@elm.sch.uk', 'senco@birch.ac.uk'].map(codeMailedTo);
    expect(new Set(codes).size).toBe(3);
    // Sending again to the same address sends nothing new.
    expect((await lead.post(`/api/surveys/${campaignId}/personal-links`, { addresses: 'head@oak.sch.uk' })).body).toEqual({ sent: 0, alreadySent: 1 });
    expect((await lead.get(`/api/surveys/${campaignId}`)).body).toMatchObject({ accessMode: 'personal', personalLinksSent: 3, completed: 0 });

    const school = new ApiClient(server.url);
    const submit = (accessCode?: string) => school.post(`/api/public/surveys/${token}/responses`, { answers, context: { setting: 'primary' }, ...(accessCode ? { accessCode } : {}) });
    expect((await school.get(`/api/public/surveys/${token}`)).body.needsCode).toBe(true);
    expect((await submit()).status).toBe(400);
    expect((await submit(codes[0])).status).toBe(201);
    expect((await submit(codes[0])).status).toBe(409);
    expect((await submit('ABCD-EFGH')).status).toBe(409);
    expect((await lead.get(`/api/surveys/${campaignId}`)).body).toMatchObject({ personalLinksSent: 3, completed: 1 });
    expect(server.output()).not.toContain(codes[1]!);
  });

  it('is only for facilitators and the lead of the site', async () => {
    const stakeholder = await ApiClient.signIn(server.url, 'stakeholder1@demo.example', demoPassword);
    expect((await stakeholder.post(`/api/surveys/${campaignId}/personal-links`, { addresses: 'x@school.example' })).status).toBe(403);
    expect((await new ApiClient(server.url).post(`/api/surveys/${campaignId}/personal-links`, { addresses: 'x@school.example' })).status).toBe(401);
  });
});
