import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoInstrument } from '@shared/survey/demo-instrument';
import { allItems } from '@shared/survey/instrument';
import { storedResponses } from '../helpers/db';
import { ApiClient } from '../helpers/http';
import { outbox } from '../helpers/outbox';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';

let server: RunningServer;
let lead: ApiClient;
let facilitator: ApiClient;
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
  server = await startApp();
  lead = await ApiClient.signIn(server.url, 'lead@demo.example', demoPassword);
  facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
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

  it('refuses any form of a member’s address, and one mailbox written two ways', async () => {
    const before = outbox(server.dataDir).length;
    for (const alias of ['Lead@Demo.Example', 'lead+school1@demo.example', 'LEAD+x+y@demo.example', 'facilitator+oak@demo.example']) {
      const refused = await lead.post(`/api/surveys/${campaignId}/personal-links`, { addresses: `head@oak.sch.uk\n${alias}` });
      expect(refused.status, alias).toBe(400);
      expect(refused.body.error).toContain(alias.toLowerCase());
    }
    const twice = await lead.post(`/api/surveys/${campaignId}/personal-links`, { addresses: 'office@ash.sch.uk, office+2@ash.sch.uk' });
    expect(twice.status).toBe(400);
    expect(twice.body.error).toBe('These reach the same mailbox, so only one of each may be sent a link: office@ash.sch.uk and office+2@ash.sch.uk');
    expect((await lead.get(`/api/surveys/${campaignId}/personal-links`)).body).toEqual({ pending: [], sent: 0 });
    expect(outbox(server.dataDir).length).toBe(before);
  });

  it('sends nothing until the other person who runs the survey approves the list, having seen its flags', async () => {
    const before = outbox(server.dataDir).length;
    const asked = await lead.post(`/api/surveys/${campaignId}/personal-links`, { addresses: 'head@oak.sch.uk\nOffice@Elm.sch.uk; senco@birch.ac.uk\nhead@oak.sch.uk\noak.school.head@gmail.com\nsomeone@demo.example' });
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ addresses: 5, flagged: 2, alreadySent: 0 });
    expect(outbox(server.dataDir).length).toBe(before);
    expect((await lead.get(`/api/surveys/${campaignId}`)).body).toMatchObject({ personalLinksSent: 0 });

    // The facilitator sees the list, who sent it, and why two addresses need a second look.
    const waiting = (await facilitator.get(`/api/surveys/${campaignId}/personal-links`)).body;
    expect(waiting.pending).toHaveLength(1);
    expect(waiting.pending[0]).toMatchObject({ id: asked.body.pending, requestedByRole: 'lead', youMayApprove: true });
    expect((await lead.get(`/api/surveys/${campaignId}/personal-links`)).body.pending[0].youMayApprove).toBe(false);
    expect(Object.fromEntries(waiting.pending[0].addresses.map((a: { email: string; flags: string[] }) => [a.email, a.flags]))).toEqual({
      'head@oak.sch.uk': [],
      'office@elm.sch.uk': [],
      'senco@birch.ac.uk': [],
      'oak.school.head@gmail.com': ['free-mail'],
      'someone@demo.example': ['members-organisation'],
    });
    // The lead cannot approve its own list, and a stakeholder cannot approve at all.
    const stakeholder = await ApiClient.signIn(server.url, 'stakeholder1@demo.example', demoPassword);
    expect((await lead.post(`/api/surveys/${campaignId}/personal-links/${asked.body.pending}/approval`)).status).toBe(403);
    expect((await stakeholder.post(`/api/surveys/${campaignId}/personal-links/${asked.body.pending}/approval`)).status).toBe(403);
    // Nor can an address waiting for approval be asked again under another form.
    expect((await lead.post(`/api/surveys/${campaignId}/personal-links`, { addresses: 'head+again@oak.sch.uk' })).status).toBe(400);
    expect(outbox(server.dataDir).length).toBe(before);

    // The facilitator withdraws the flagged list; the lead sends the schools alone; the facilitator approves.
    expect((await facilitator.request('DELETE', `/api/surveys/${campaignId}/personal-links/${asked.body.pending}`, {})).status).toBe(204);
    const schools = await lead.post(`/api/surveys/${campaignId}/personal-links`, { addresses: 'head@oak.sch.uk\nOffice@Elm.sch.uk; senco@birch.ac.uk' });
    expect(schools.body).toMatchObject({ addresses: 3, flagged: 0 });
    const approved = await facilitator.post(`/api/surveys/${campaignId}/personal-links/${schools.body.pending}/approval`);
    expect(approved.status).toBe(200);
    expect(approved.body).toEqual({ sent: 3 });
    expect((await facilitator.post(`/api/surveys/${campaignId}/personal-links/${schools.body.pending}/approval`)).status).toBe(404);
    const audit = (await facilitator.get('/api/admin/audit')).body as { action: string; actor: string; subject: string }[];
    expect(audit.find((e) => e.action === 'survey-links-approved')).toMatchObject({ actor: 'facilitator@demo.example', subject: expect.stringContaining('head@oak.sch.uk') });
  });

  it('emails each approved school a single-use link of its own; nobody is shown a code', async () => {
    const codes = ['head@oak.sch.uk', 'office@elm.sch.uk', 'senco@birch.ac.uk'].map(codeMailedTo);
    expect(new Set(codes).size).toBe(3);
    expect((await lead.post(`/api/surveys/${campaignId}/codes`, { count: 5 })).status).toBe(409);
    // Sending again to the same address asks for nothing new.
    expect((await lead.post(`/api/surveys/${campaignId}/personal-links`, { addresses: 'head@oak.sch.uk' })).body).toMatchObject({ addresses: 0, alreadySent: 1 });
    expect((await lead.get(`/api/surveys/${campaignId}`)).body).toMatchObject({ accessMode: 'personal', personalLinksSent: 3, completed: 0 });

    const school = new ApiClient(server.url);
    const submit = (accessCode?: string) => school.post(`/api/public/surveys/${token}/responses`, { answers, context: { setting: 'primary' }, ...(accessCode ? { accessCode } : {}) });
    expect((await school.get(`/api/public/surveys/${token}`)).body.needsCode).toBe(true);
    expect((await submit()).status).toBe(400);
    expect((await submit(codes[0])).status).toBe(201);
    expect((await submit(codes[0])).status).toBe(409);
    expect((await submit('ABCD-EFGH')).status).toBe(409);
    expect(storedResponses(server.dataDir, campaignId)).toBe(1);
    // One answer is told as "fewer than 5" while the survey is open.
    expect((await lead.get(`/api/surveys/${campaignId}`)).body).toMatchObject({ personalLinksSent: 3, completed: 0, completedExact: false });
    expect(server.output()).not.toContain(codes[1]!);
  });

  it('has a facilitator’s list approved by the lead', async () => {
    const asked = await facilitator.post(`/api/surveys/${campaignId}/personal-links`, { addresses: 'office@yew.sch.uk' });
    expect(asked.status).toBe(202);
    expect((await facilitator.post(`/api/surveys/${campaignId}/personal-links/${asked.body.pending}/approval`)).status).toBe(403);
    expect((await lead.post(`/api/surveys/${campaignId}/personal-links/${asked.body.pending}/approval`)).body).toEqual({ sent: 1 });
    expect(codeMailedTo('office@yew.sch.uk')).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  });

  it('is only for facilitators and the lead of the site', async () => {
    const stakeholder = await ApiClient.signIn(server.url, 'stakeholder1@demo.example', demoPassword);
    expect((await stakeholder.post(`/api/surveys/${campaignId}/personal-links`, { addresses: 'x@school.example' })).status).toBe(403);
    expect((await new ApiClient(server.url).post(`/api/surveys/${campaignId}/personal-links`, { addresses: 'x@school.example' })).status).toBe(401);
  });
});
