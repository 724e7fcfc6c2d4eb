import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept } from '../helpers/outbox';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';

let server: RunningServer;
let stakeholder: ApiClient;
let otherSiteStakeholder: ApiClient;
let siteId: string;

const entry = {
  organisation: 'North CYPMHS',
  service: 'Getting Help team',
  forWhom: 'Children 5 to 18 with mild to moderate needs',
  referralRoute: 'School referral form; threshold: difficulties for at least 4 weeks',
  contactName: 'Priya Shah',
  contactHow: 'priya@example.org, 01234 567890',
  lastConfirmed: '2026-01-10',
};

beforeAll(async () => {
  server = await startApp();
  const facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  siteId = (await facilitator.post('/api/sites', { name: 'Directory Borough' })).body.id;
  stakeholder = await inviteAndAccept(server, facilitator, siteId, 'dir@directory.example', { name: 'Dee Directory' });
  otherSiteStakeholder = await ApiClient.signIn(server.url, 'stakeholder1@demo.example', demoPassword);
});
afterAll(async () => {
  await server?.stop();
});

const list = async (who = stakeholder, q = '') => (await who.get(`/api/sites/${siteId}/directory${q ? `?q=${encodeURIComponent(q)}` : ''}`)).body as (typeof entry & { id: string; stale: boolean })[];

describe('the local services directory', () => {
  it('any member adds, edits, confirms and removes entries; old ones are flagged', async () => {
    const added = await stakeholder.post(`/api/sites/${siteId}/directory`, entry);
    expect(added.status).toBe(201);
    const [first] = await list();
    expect(first).toMatchObject({ ...entry, stale: true });
    expect((await stakeholder.request('PUT', `/api/sites/${siteId}/directory/${first!.id}`, { ...entry, contactName: 'Sam Jones' })).status).toBe(204);
    expect((await stakeholder.post(`/api/sites/${siteId}/directory/${first!.id}/confirm`)).status).toBe(204);
    const [confirmed] = await list();
    expect(confirmed).toMatchObject({ contactName: 'Sam Jones', stale: false, lastConfirmed: new Date().toISOString().slice(0, 10) });
    expect((await list(stakeholder, 'getting help')).map((e) => e.id)).toEqual([first!.id]);
    expect(await list(stakeholder, 'dentist')).toEqual([]);
  });

  it('refuses a stakeholder of another site and incomplete entries, with clear messages, changing nothing', async () => {
    const before = await list();
    const [first] = before;
    const outsider = [
      await otherSiteStakeholder.post(`/api/sites/${siteId}/directory`, entry),
      await otherSiteStakeholder.request('PUT', `/api/sites/${siteId}/directory/${first!.id}`, { ...entry, service: 'Hijacked' }),
      await otherSiteStakeholder.delete(`/api/sites/${siteId}/directory/${first!.id}`),
      await otherSiteStakeholder.get(`/api/sites/${siteId}/directory`),
      await otherSiteStakeholder.get(`/api/sites/${siteId}/directory/export.csv`),
    ];
    for (const response of outsider) {
      expect(response.status).toBe(403);
      expect(response.body.error).toBe('You do not have access to this site');
    }
    const incomplete = await stakeholder.post(`/api/sites/${siteId}/directory`, { ...entry, contactName: ' ' });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.fields.contactName).toBe('Enter a named point of contact');
    expect(await list()).toEqual(before);
  });

  it('exports CSV and imports it back; a file with a bad row imports nothing', async () => {
    const exported = await stakeholder.get(`/api/sites/${siteId}/directory/export.csv`);
    expect(exported.status).toBe(200);
    const csv = String(exported.body);
    expect(csv.split('\n')[0]).toBe('Organisation,Service,Who it is for,Referral route and thresholds,Point of contact,How to contact,Last confirmed');
    const before = await list();
    const bad = `${csv.trim()}\nKooth,Online counselling,Young people,Self-referral online,,help@kooth.example,2026-10-01\n`;
    const refused = await stakeholder.post(`/api/sites/${siteId}/directory/import`, { csv: bad });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('Nothing was imported. Row 3: Enter a named point of contact');
    expect(await list()).toEqual(before);
    const imported = await stakeholder.post(`/api/sites/${siteId}/directory/import`, { csv });
    expect(imported.body).toEqual({ imported: 1 });
    const after = await list();
    expect(after).toHaveLength(2);
    expect(after[1]).toMatchObject({ organisation: 'North CYPMHS', contactName: 'Sam Jones' });
  });

  it('imports the dates a spreadsheet writes (23/11/2026, 23 November 2026) as days, and refuses one written month first', async () => {
    const header = 'Organisation,Service,Who it is for,Referral route and thresholds,Point of contact,How to contact,Last confirmed';
    const row = (service: string, day: string) => `Kooth,${service},Young people,Self-referral online,Ana Diaz,help@kooth.example,${day}`;
    const before = await list();
    const imported = await stakeholder.post(`/api/sites/${siteId}/directory/import`, { csv: [header, row('Counselling', '23/11/2026'), row('Chat', '"23 November 2026"')].join('\n') });
    expect(imported.body).toEqual({ imported: 2 });
    expect((await list()).slice(before.length).map((e: { service: string; lastConfirmed: string }) => [e.service, e.lastConfirmed])).toEqual([
      ['Counselling', '2026-11-23'],
      ['Chat', '2026-11-23'],
    ]);
    const american = await stakeholder.post(`/api/sites/${siteId}/directory/import`, { csv: [header, row('Forum', '11/23/2026')].join('\n') });
    expect(american.status).toBe(400);
    expect(american.body.error).toBe('Nothing was imported. Row 2: Enter the date the entry was last confirmed, for example 23/11/2026');
  });
});
