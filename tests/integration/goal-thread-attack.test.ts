import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { entriesPerPerson } from '@shared/actions';
import type { GoalsOverview } from '@shared/goals/book';
import { addCalendarDays, ukDay } from '@shared/dates';
import { startApp, type InProcessServer } from '../helpers/app';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept } from '../helpers/outbox';
import { act, disconnectCrew, holdConsultation, meetingCrew, stakeholderProfiles, type MeetingCrew } from '../helpers/programme';
import { request } from '../helpers/realtime';
import { demoPassword } from '../helpers/server';

/**
 * Goals between meetings attacked by their own members over real HTTP and socket.io: a change
 * sent again under the same id with other words, a goal changed twice by one click, and text
 * that no document format can hold reaching the meeting's record.
 */
let server: InProcessServer;
let crew: MeetingCrew;
let facilitator: ApiClient;
let lead: ApiClient;
let owner: ApiClient;
let siteId: string;
let consultationId: string;

const today = () => ukDay(new Date());
const goals = async () => (await facilitator.get(`/api/sites/${siteId}/goals`)).body as GoalsOverview;
const checkIn = (api: ApiClient, body: object, goalId = 'goal-000') => api.post(`/api/sites/${siteId}/goals/${goalId}/check-ins`, body);
const aCheckIn = { rating: 4, confidence: 'at-risk', happened: 'Six schools named a link worker' };

beforeAll(async () => {
  server = await startApp();
  facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  siteId = (await facilitator.post('/api/sites', { name: 'Attack Borough' })).body.id;
  lead = await inviteAndAccept(server, facilitator, siteId, 'lead@attack.example', { role: 'lead', name: 'Lee Lead' });
  const stakeholders = await Promise.all(stakeholderProfiles.map((p, i) => inviteAndAccept(server, facilitator, siteId, `s${i}@attack.example`, { name: p.name, organisation: p.organisation, sector: p.sector })));
  owner = stakeholders[0]!;
  crew = await meetingCrew(server, siteId, facilitator, stakeholders);
  const scheduled = await facilitator.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: new Date(Date.now() + 3_600_000).toISOString(), durationMinutes: 120, attendeeIds: crew.stakeholders.map((s) => s.id) });
  consultationId = scheduled.body.id;
  await holdConsultation(crew, consultationId, addCalendarDays(today(), 90));
  const ownerId = (await owner.get('/api/me')).body.id;
  expect((await lead.put(`/api/sites/${siteId}/goals/goal-000/owner`, { ownerId })).status).toBe(200);
}, 180_000);

afterAll(async () => {
  if (crew) disconnectCrew(crew);
  await server?.stop();
});

describe('a change id sent again', () => {
  it('with other words is refused, not answered as if those words were recorded', async () => {
    const changeId = crypto.randomUUID();
    expect((await checkIn(owner, { ...aCheckIn, changeId })).status).toBe(201);
    const reworded = await checkIn(owner, { ...aCheckIn, happened: 'Nothing has happened', changeId });
    expect(reworded.status).toBe(422);
    const onAnotherGoal = await checkIn(lead, { ...aCheckIn, changeId }, 'goal-001');
    expect(onAnotherGoal.status).toBe(422);
    expect((await checkIn(owner, { ...aCheckIn, changeId })).status).toBe(201);
    const book = await goals();
    expect(book.goals[0]!.checkIns.map((c) => c.happened)).toEqual([aCheckIn.happened]);
    expect(book.goals[1]!.checkIns).toEqual([]);
  });

  it('in a meeting with another action is refused, and the same action again is taken once', async () => {
    const reviewId = (await facilitator.post(`/api/sites/${siteId}/meetings`, { kind: 'review-3m', startsAt: new Date(Date.now() + 3_600_000).toISOString(), durationMinutes: 90, attendeeIds: [], baseMeetingId: consultationId })).body.id as string;
    expect((await facilitator.post(`/api/meetings/${reviewId}/start`)).status).toBe(200);
    const [first] = crew.stakeholders;
    for (const p of [crew.facilitator, first!]) await request(p.socket, 'meeting:join', { meetingId: reviewId });
    await act(crew.facilitator.socket, reviewId, { type: 'set-phase', phase: 'close' });
    const actionId = crypto.randomUUID();
    const decide = (text: string) => request(first!.socket, 'meeting:action', { meetingId: reviewId, actionId, action: { type: 'record-decision', text } });
    expect((await decide('Keep the referral form')).ok).toBe(true);
    expect((await decide('Keep the referral form')).ok).toBe(true);
    expect(await decide('Drop the referral form')).toMatchObject({ ok: false });
    const decisions = (await goals()).otherDecisions.filter((d) => d.meetingId === reviewId);
    expect(decisions.map((d) => d.text)).toEqual(['Keep the referral form']);
    expect((await facilitator.post(`/api/meetings/${reviewId}/close`)).status).toBe(200);
  });
});

/** Characters XML 1.0 cannot hold, escaped or not: a document holding one is refused by every reader. */
const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

describe('text no document can hold', () => {
  it('is left out of the record’s ODT and DOCX, which stay well-formed, the rest of the words kept', async () => {
    const text = 'Bell\u0007 and back\u0008space \u001B[31m in a\uFFFE decision';
    expect((await lead.post(`/api/sites/${siteId}/decisions`, { text, goalId: 'goal-002' })).status).toBe(201);
    const download = async (format: string) => {
      const response = await fetch(`${server.url}/api/meetings/${consultationId}/report.${format}`, { headers: { Cookie: owner.cookie } });
      expect(response.status).toBe(200);
      return unzipSync(new Uint8Array(await response.arrayBuffer()));
    };
    const odt = strFromU8((await download('odt'))['content.xml']!);
    const docx = strFromU8((await download('docx'))['word/document.xml']!);
    for (const xml of [odt, docx]) {
      expect(xml).toContain('Bell and backspace [31m in a decision');
      expect(xml).not.toMatch(notXml);
    }
  });
});

describe('changing a locked goal', () => {
  const edit = (api: ApiClient, body: object) => api.put(`/api/sites/${siteId}/goals/goal-001`, body);

  it('from two tabs opened on the same goal: the second is refused, not laid over the first unseen', async () => {
    const opened = (await goals()).goals[1]!;
    const seen = opened.revisions.length;
    const first = { ...opened.goal.draft, wording: 'Termly joint training for every school and the CYPMHS team' };
    const second = { ...opened.goal.draft, wording: 'Half-termly joint training for school staff' };
    expect((await edit(lead, { draft: first, reason: 'Every school asked to come', basedOnRevision: seen })).status).toBe(200);
    const late = await edit(facilitator, { draft: second, reason: 'Staff asked for more', basedOnRevision: seen });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatch(/changed this goal since you opened it/);
    const after = (await goals()).goals[1]!;
    expect(after.goal.draft.wording).toBe(first.wording);
    expect(after.revisions.map((r) => r.after.wording)).toEqual([first.wording]);
  });

  it('sent twice by one click records the change once', async () => {
    const opened = (await goals()).goals[1]!;
    const body = { draft: { ...opened.goal.draft, measurable: { ...opened.goal.draft.measurable, target: '22 of 22 schools' } }, reason: 'All schools signed up', basedOnRevision: opened.revisions.length };
    const [a, b] = await Promise.all([edit(lead, body), edit(lead, body)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await goals()).goals[1]!.revisions).toHaveLength(opened.revisions.length + 1);
  });
});

describe('between meetings, sent again after a lost answer', () => {
  it('a decision and an action are each recorded once', async () => {
    const decision = { text: 'Referrals go through the single point of access', changeId: crypto.randomUUID() };
    const action = { what: 'Write to the academy trusts', owner: 'Lee Lead', due: addCalendarDays(today(), 14), changeId: crypto.randomUUID() };
    for (let sent = 0; sent < 2; sent++) {
      expect((await lead.post(`/api/sites/${siteId}/decisions`, decision)).status).toBe(201);
      expect((await owner.post(`/api/sites/${siteId}/goals/goal-000/actions`, action)).status).toBe(201);
    }
    const book = await goals();
    expect(book.otherDecisions.filter((d) => d.text === decision.text)).toHaveLength(1);
    expect(book.goals[0]!.openActions.filter((a) => a.what === action.what)).toHaveLength(1);
  });
});

describe('a decision between meetings', () => {
  it('tied to a goal and a domain at once is refused as in a meeting, changing nothing', async () => {
    const before = await goals();
    const both = await lead.post(`/api/sites/${siteId}/decisions`, { text: 'Both at once', goalId: 'goal-000', domainId: 3 });
    expect(both).toMatchObject({ status: 400, body: { fields: { domainId: 'Tie it to a goal or to a domain, not both' } } });
    expect(await goals()).toEqual(before);
  });
});

describe('a member adding to the goal book by the thousand', () => {
  it('is stopped at the bound one person has, and everyone else still records theirs', async () => {
    const flooder = crew.stakeholders[1]!.api;
    const add = (api: ApiClient, what: string) => api.post(`/api/sites/${siteId}/goals/goal-000/actions`, { what, owner: 'Someone', due: addCalendarDays(today(), 30) });
    for (let n = 0; n < entriesPerPerson; n++) expect((await add(flooder, `Flood ${n}`)).status).toBe(201);
    const before = await goals();
    expect(await add(flooder, 'One more')).toMatchObject({ status: 422, body: { error: `One person can record at most ${entriesPerPerson} actions for a site` } });
    expect(await goals()).toEqual(before);
    expect((await add(lead, 'Book the training room')).status).toBe(201);
  }, 60_000);
});

describe('an action’s due date', () => {
  it('years ahead (a slip such as 9999) is refused on the due field, changing nothing', async () => {
    const before = await goals();
    const far = await owner.post(`/api/sites/${siteId}/goals/goal-000/actions`, { what: 'Some day', owner: 'Someone', due: '9999-12-31' });
    expect(far).toMatchObject({ status: 422, body: { fields: { due: 'Date it is due must be within 2 years of today' } } });
    expect(await goals()).toEqual(before);
    expect((await owner.post(`/api/sites/${siteId}/goals/goal-000/actions`, { what: 'Next year', owner: 'Someone', due: addCalendarDays(today(), 700) })).status).toBe(201);
  });
});
