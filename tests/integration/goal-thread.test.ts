import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import type { GoalsOverview } from '@shared/goals/book';
import type { GoalThread } from '@shared/goals/thread';
import { refusalFor } from '@shared/policy';
import { addCalendarDays, ukDay } from '@shared/dates';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept } from '../helpers/outbox';
import { disconnectCrew, holdConsultation, meetingCrew, stakeholderProfiles, type MeetingCrew } from '../helpers/programme';
import { docxText, odtText } from '../helpers/office-text';
import { pdfText } from '../helpers/pdf';
import { demoPassword, startServer, type RunningServer } from '../helpers/server';

/**
 * Goals between meetings over real HTTP: owners named by the lead, check-ins by the owner (and
 * nobody else but the lead and facilitators), actions ticked off by their owner, decisions, the
 * thread a review opens on, and the record as PDF, ODT and DOCX read back by parsers.
 */
let server: RunningServer;
let crew: MeetingCrew;
let facilitator: ApiClient;
let lead: ApiClient;
let owner: ApiClient;
let bystander: ApiClient;
let outsider: ApiClient;
let siteId: string;
let consultationId: string;
let ownerId: string;

const today = () => ukDay(new Date());
const goals = async (api: ApiClient = facilitator) => (await api.get(`/api/sites/${siteId}/goals`)).body as GoalsOverview;
const checkIn = (api: ApiClient, body: object, goalId = 'goal-000') => api.post(`/api/sites/${siteId}/goals/${goalId}/check-ins`, body);
const aCheckIn = { rating: 4, confidence: 'at-risk', happened: 'Six schools named a link worker', inTheWay: 'Two academies have no CYPMHS contact', helpNeeded: 'An introduction to the trust leads', helpFrom: 'Lee Lead' };

beforeAll(async () => {
  server = await startServer();
  facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  outsider = await ApiClient.signIn(server.url, 'stakeholder1@demo.example', demoPassword);
  siteId = (await facilitator.post('/api/sites', { name: 'Thread Borough' })).body.id;
  lead = await inviteAndAccept(server, facilitator, siteId, 'lead@thread.example', { role: 'lead', name: 'Lee Lead' });
  const stakeholders = await Promise.all(stakeholderProfiles.map((p, i) => inviteAndAccept(server, facilitator, siteId, `s${i}@thread.example`, { name: p.name, organisation: p.organisation, sector: p.sector })));
  [owner, bystander] = stakeholders as [ApiClient, ApiClient];
  ownerId = (await owner.get('/api/me')).body.id;
  crew = await meetingCrew(server, siteId, facilitator, stakeholders);
  const scheduled = await facilitator.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: new Date(Date.now() + 3_600_000).toISOString(), durationMinutes: 120, attendeeIds: crew.stakeholders.map((s) => s.id) });
  consultationId = scheduled.body.id;
  await holdConsultation(crew, consultationId, addCalendarDays(today(), 90));
}, 180_000);

afterAll(async () => {
  if (crew) disconnectCrew(crew);
  await server?.stop();
});

describe('goal owners', () => {
  it('are named by the lead or a facilitator, and only from the site’s members', async () => {
    const byStakeholder = await bystander.request('PUT', `/api/sites/${siteId}/goals/goal-000/owner`, { ownerId });
    expect(byStakeholder).toMatchObject({ status: 403, body: { error: refusalFor('name-goal-owner') } });
    expect((await outsider.request('PUT', `/api/sites/${siteId}/goals/goal-000/owner`, { ownerId })).status).toBe(403);
    const stranger = (await outsider.get('/api/me')).body.id;
    expect((await lead.request('PUT', `/api/sites/${siteId}/goals/goal-000/owner`, { ownerId: stranger })).status).toBe(400);
    expect((await goals()).goals[0]!.owner).toBeNull();
    const named = await lead.request('PUT', `/api/sites/${siteId}/goals/goal-000/owner`, { ownerId });
    expect(named.status).toBe(200);
    expect((named.body as GoalsOverview).goals[0]!.owner).toEqual({ id: ownerId, name: stakeholderProfiles[0].name });
  });
});

describe('check-ins', () => {
  it('refuse a stakeholder who is not the owner, and a member of another site, changing nothing', async () => {
    expect(await checkIn(bystander, aCheckIn)).toMatchObject({ status: 403, body: { error: refusalFor('check-in-on-goal') } });
    expect((await checkIn(outsider, aCheckIn)).status).toBe(403);
    expect((await goals()).goals[0]!.checkIns).toEqual([]);
  });

  it('refuse bad input with a clear 400, changing nothing', async () => {
    const noConfidence = await checkIn(owner, { ...aCheckIn, confidence: undefined });
    expect(noConfidence).toMatchObject({ status: 400, body: { fields: { confidence: 'Choose how likely it is that the goal will be met by its due date' } } });
    expect((await checkIn(owner, { ...aCheckIn, rating: 11 })).status).toBe(400);
    const noRating = await checkIn(owner, { ...aCheckIn, rating: undefined });
    expect(noRating).toMatchObject({ status: 400, body: { fields: { rating: 'Select a rating from 0 to 10, or select that you would rather not rate it now' } } });
    expect((await checkIn(owner, { ...aCheckIn, happened: '   ' })).status).toBe(400);
    expect((await goals()).goals[0]!.checkIns).toEqual([]);
  });

  it('are taken from the owner once per change id, and from the lead, who would rather not rate it now', async () => {
    const changeId = crypto.randomUUID();
    expect((await checkIn(owner, { ...aCheckIn, changeId })).status).toBe(201);
    expect((await checkIn(owner, { ...aCheckIn, changeId })).status).toBe(201);
    expect((await checkIn(lead, { rating: null, confidence: 'likely', happened: 'Training dates agreed' })).status).toBe(201);
    const [first, second] = (await goals(bystander)).goals[0]!.checkIns;
    expect(first).toMatchObject({ by: ownerId, rating: 4, confidence: 'at-risk', inTheWay: aCheckIn.inTheWay });
    expect(second).toMatchObject({ rating: null, confidence: 'likely', byName: 'Lee Lead' });
    expect((await goals()).goals[0]!.checkIns).toHaveLength(2);
  });
});

describe('actions and decisions', () => {
  let actionId: string;

  it('records an action for a member, which is on their to-do list', async () => {
    const due = addCalendarDays(today(), 10);
    const added = await facilitator.post(`/api/sites/${siteId}/goals/goal-000/actions`, { what: 'Introduce the trust leads', owner: stakeholderProfiles[0].name, ownerId, due });
    expect(added.status).toBe(201);
    actionId = (added.body as GoalsOverview).goals[0]!.openActions[0]!.id;
    const todos = (await owner.get(`/api/sites/${siteId}/timeline`)).body.todos as { id: string; text: string; status: string }[];
    expect(todos.find((t) => t.id === `goal-action-${actionId}`)).toMatchObject({ text: 'Goal 1: Introduce the trust leads', status: 'due' });
    const others = (await bystander.get(`/api/sites/${siteId}/timeline`)).body.todos as { id: string }[];
    expect(others.some((t) => t.id === `goal-action-${actionId}`)).toBe(false);
  });

  it('is ticked off only by its owner, the lead or a facilitator', async () => {
    const tick = (api: ApiClient) => api.request('PATCH', `/api/sites/${siteId}/goal-actions/${actionId}`, { done: true });
    expect(await tick(bystander)).toMatchObject({ status: 403, body: { error: refusalFor('complete-action') } });
    expect((await tick(outsider)).status).toBe(403);
    expect((await goals()).goals[0]!.doneActions).toEqual([]);
    expect((await tick(owner)).status).toBe(200);
    expect((await goals()).goals[0]!.doneActions.map((a) => a.id)).toEqual([actionId]);
    const todos = (await owner.get(`/api/sites/${siteId}/timeline`)).body.todos as { id: string; status: string }[];
    expect(todos.find((t) => t.id === `goal-action-${actionId}`)?.status).toBe('done');
  });

  it('records decisions by the lead between meetings, not by a stakeholder', async () => {
    const decision = { text: 'Schools use one referral form from next term', goalId: 'goal-002' };
    expect(await bystander.post(`/api/sites/${siteId}/decisions`, decision)).toMatchObject({ status: 403, body: { error: refusalFor('record-decision') } });
    expect((await lead.post(`/api/sites/${siteId}/decisions`, { ...decision, goalId: 'goal-none' })).status).toBe(422);
    expect((await lead.post(`/api/sites/${siteId}/decisions`, decision)).status).toBe(201);
    expect((await goals()).goals[2]!.decisions.map((d) => d.text)).toEqual([decision.text]);
  });
});

describe('the review opens on the thread', () => {
  it('shows per goal the last agreed rating, check-ins since, actions and blockers', async () => {
    const review = await facilitator.post(`/api/sites/${siteId}/meetings`, { kind: 'review-3m', startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), durationMinutes: 90, attendeeIds: [], baseMeetingId: consultationId });
    expect(review.status, JSON.stringify(review.body)).toBe(201);
    expect((await outsider.get(`/api/meetings/${review.body.id}/goal-threads`)).status).toBe(403);
    const threads = (await bystander.get(`/api/meetings/${review.body.id}/goal-threads`)).body as GoalThread[];
    const first = threads.find((t) => t.goalId === 'goal-000')!;
    expect(first.lastAgreed?.rating).toBe(2);
    expect(first.checkInsSince.map((c) => c.confidence)).toEqual(['at-risk', 'likely']);
    expect(first.doneActions.map((a) => a.what)).toEqual(['Introduce the trust leads']);
    expect(first.blockers.map((b) => b.inTheWay)).toEqual([aCheckIn.inTheWay]);
  });
});

describe('the record in open formats', () => {
  it('exports PDF, ODT and DOCX holding the goals, owners, actions and ratings', async () => {
    const download = async (format: string) => {
      const response = await fetch(`${server.url}/api/meetings/${consultationId}/report.${format}`, { headers: { Cookie: lead.cookie } });
      expect(response.status).toBe(200);
      return new Uint8Array(await response.arrayBuffer());
    };
    const odt = odtText(await download('odt'));
    expect(odt.mimetypeFirst).toBe(true);
    const texts = { pdf: await pdfText(await download('pdf')), odt: odt.text, docx: docxText(await download('docx')) };
    for (const [format, text] of Object.entries(texts)) {
      for (const expected of ['Every secondary school has a named link worker', `Owner: ${stakeholderProfiles[0].name}`, 'Introduce the trust leads', 'Strategic consultation meeting 2', 'Schools use one referral form from next term']) {
        expect(text, `${format} holds “${expected}”`).toContain(expected);
      }
    }
    expect(texts.odt).toContain('Access to services');
    expect((await outsider.get(`/api/meetings/${consultationId}/report.docx`)).status).toBe(403);
  });
});
