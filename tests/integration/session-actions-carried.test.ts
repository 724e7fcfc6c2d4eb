import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { emptyGoalBook, GoalBook, type GoalsOverview } from '@shared/goals/book';
import type { GoalThread } from '@shared/goals/thread';
import type { MeetingReport } from '@shared/reports/meeting-report';
import type { SessionAction } from '@shared/goals/session-actions';
import { RegistrationBook } from '@shared/programme/registration';
import { updateVersioned } from '../../server/store/versioned';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept } from '../helpers/outbox';
import { startApp, type InProcessServer } from '../helpers/app';
import { demoPassword } from '../helpers/server';
import { bookingIn, dayIn } from '../helpers/dates';

/**
 * A tailored session's actions are taken forward as a meeting's are: one naming a member is on
 * that member's to-do list and ticked off by them; one tied to a goal is in that goal's thread
 * at the next review, one tied to a domain with the site's other actions; each is in the
 * meeting report's actions. An action the session recorded before, in its own book, still
 * loads. The site's locked goal is written straight into the store, as factories do.
 */
let server: InProcessServer;
let facilitator: ApiClient;
let lead: ApiClient;
let owner: ApiClient;
let bystander: ApiClient;
let ownerId: string;
let siteId: string;
let sessionId: string;
let reviewId: string;

const todosOf = async (api: ApiClient) => (await api.get(`/api/sites/${siteId}/timeline`)).body.todos as { id: string; text: string; status: string }[];

beforeAll(async () => {
  server = await startApp();
  facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  siteId = (await facilitator.post('/api/sites', { name: 'Carried Forward Borough' })).body.id;
  lead = await inviteAndAccept(server, facilitator, siteId, 'lead@carried.example', { role: 'lead', name: 'Lena Lead' });
  owner = await inviteAndAccept(server, facilitator, siteId, 'owner@carried.example', { name: 'Olu Owner' });
  bystander = await inviteAndAccept(server, facilitator, siteId, 'by@carried.example', { name: 'Bea Bystander' });
  ownerId = (await owner.get('/api/me')).body.id;
  const book: GoalBook = {
    ...emptyGoalBook(),
    version: 1,
    lock: { meetingId: 'm-earlier', by: 'f', at: new Date(Date.now() - 86_400_000).toISOString(), reviewBy: dayIn(300) },
    goals: [{ id: 'g1', position: 1, override: null, ownerId: null, draft: { wording: 'One referral form', specific: 's', measurable: { measure: 'm', target: '1' }, achievable: { ownerOrganisation: 'o', ownerName: 'n', resources: 'r' }, relevantDomains: [6], dueDate: null } }],
  };
  await updateVersioned(server.app().store, 'goal-book', siteId, emptyGoalBook, () => ({ ok: true, value: book }), GoalBook);
  const session = { title: 'Referral pathways', format: 'online-module', domains: [6], startsAt: bookingIn(2), durationMinutes: 60, registrationCloseDays: 0 };
  const created = await facilitator.post(`/api/sites/${siteId}/tailored-sessions`, session);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  sessionId = created.body.meeting.id;
  expect((await lead.post(`/api/meetings/${sessionId}/registration`)).status).toBe(201);
  expect((await bystander.post(`/api/meetings/${sessionId}/registration`)).status).toBe(201);
  reviewId = (await facilitator.post(`/api/sites/${siteId}/meetings`, { kind: 'review-3m', startsAt: bookingIn(40), durationMinutes: 90, attendeeIds: [] })).body.id;
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe('a tailored session’s actions carried forward', () => {
  let goalActionId: string;
  let domainActionId: string;

  it('records an action for a member tied to a goal, and one tied to a domain, once each however often sent', async () => {
    const changeId = crypto.randomUUID();
    const forGoal = { what: 'Share the referral form with schools', owner: 'Olu Owner', ownerId, due: dayIn(10), goalId: 'g1', changeId };
    for (let sent = 0; sent < 2; sent++) expect((await lead.post(`/api/meetings/${sessionId}/actions`, forGoal)).status).toBe(201);
    const added = await lead.post(`/api/meetings/${sessionId}/actions`, { what: 'Map the local offer', owner: 'CAMHS team', due: dayIn(20), domainId: 6 });
    expect(added.status).toBe(201);
    const actions = added.body as SessionAction[];
    expect(actions.map((a) => [a.what, a.ownerId, a.goalId, a.domainId, a.meetingId])).toEqual([
      ['Share the referral form with schools', ownerId, 'g1', null, sessionId],
      ['Map the local offer', null, null, 6, sessionId],
    ]);
    goalActionId = actions[0]!.id;
    domainActionId = actions[1]!.id;
  });

  it('refuses an owner who is not a member, a goal not locked, and a goal and a domain both, storing nothing', async () => {
    const base = { what: 'Something', owner: 'Someone', due: dayIn(5) };
    expect((await lead.post(`/api/meetings/${sessionId}/actions`, { ...base, ownerId: 'nobody' })).status).toBe(400);
    expect((await lead.post(`/api/meetings/${sessionId}/actions`, { ...base, goalId: 'g-unknown' })).status).toBe(422);
    const both = await lead.post(`/api/meetings/${sessionId}/actions`, { ...base, goalId: 'g1', domainId: 6 });
    expect(both).toMatchObject({ status: 400, body: { fields: { domainId: 'Tie it to a goal or to a domain, not both' } } });
    expect((await lead.get(`/api/meetings/${sessionId}/registration`)).body.actions).toHaveLength(2);
  });

  it('puts the action on its owner’s to-do list, and on nobody else’s', async () => {
    expect((await todosOf(owner)).find((t) => t.id === `goal-action-${goalActionId}`)).toMatchObject({ text: 'Goal 1: Share the referral form with schools', status: 'due' });
    expect((await todosOf(bystander)).some((t) => t.id === `goal-action-${goalActionId}`)).toBe(false);
  });

  it('shows each action where a review looks at progress, and in the meeting report', async () => {
    const threads = (await owner.get(`/api/meetings/${reviewId}/goal-threads`)).body as GoalThread[];
    expect(threads[0]!.openActions.map((a) => a.id)).toEqual([goalActionId]);
    const overview = (await owner.get(`/api/sites/${siteId}/goals`)).body as GoalsOverview;
    expect(overview.otherActions.map((a) => a.id)).toEqual([domainActionId]);
    // A review held and closed has its report.
    expect((await facilitator.post(`/api/meetings/${reviewId}/start`)).status).toBe(200);
    expect((await facilitator.post(`/api/meetings/${reviewId}/close`)).status).toBe(200);
    const report = (await owner.get(`/api/meetings/${reviewId}/report`)).body as MeetingReport;
    expect(report.actions).toEqual([
      { about: 'Goal 1', what: 'Share the referral form with schools', owner: 'Olu Owner', due: dayIn(10), done: false },
      { about: '6. Integrated working and access', what: 'Map the local offer', owner: 'CAMHS team', due: dayIn(20), done: false },
    ]);
  });

  it('lets the owner tick it off where their to-do list leads, as any goal action, and not a bystander who took part', async () => {
    expect((await bystander.request('PATCH', `/api/meetings/${sessionId}/actions/${goalActionId}`, { done: true })).status).toBe(403);
    expect((await owner.request('PATCH', `/api/sites/${siteId}/goal-actions/${goalActionId}`, { done: true })).status).toBe(200);
    expect((await todosOf(owner)).find((t) => t.id === `goal-action-${goalActionId}`)?.status).toBe('done');
    const threads = (await lead.get(`/api/meetings/${reviewId}/goal-threads`)).body as GoalThread[];
    expect(threads[0]!.doneActions.map((a) => a.id)).toEqual([goalActionId]);
    expect(((await lead.get(`/api/meetings/${sessionId}/registration`)).body.actions as SessionAction[]).find((a) => a.id === goalActionId)?.done).toBe(true);
  });

  it('still loads an action the session recorded in its own book before, ticked off there by anyone who took part', async () => {
    const earlier = { id: 'a-earlier', what: 'Send the slides', owner: 'Facilitator', due: dayIn(-3), done: false, createdBy: 'x', createdAt: new Date().toISOString() };
    const store = server.app().store;
    await updateVersioned(store, 'registrations', sessionId, () => RegistrationBook.parse({ version: 0, closesAt: null }), (current) => ({ ok: true, value: { ...current, version: current.version + 1, actions: [earlier] } }), RegistrationBook);
    const actions = (await bystander.get(`/api/meetings/${sessionId}/registration`)).body.actions as SessionAction[];
    expect(actions.map((a) => [a.id, a.earlier])).toEqual([['a-earlier', true], [goalActionId, false], [domainActionId, false]]);
    const ticked = await bystander.request('PATCH', `/api/meetings/${sessionId}/actions/a-earlier`, { done: true });
    expect(ticked.status).toBe(200);
    expect((ticked.body as SessionAction[]).find((a) => a.id === 'a-earlier')?.done).toBe(true);
  });
});
