import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyGoalBook, GoalBook, type GoalsOverview } from '@shared/goals/book';
import { updateVersioned } from '../../server/store/versioned';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept } from '../helpers/outbox';
import { connectedSocket, request, type ClientSocket } from '../helpers/realtime';
import { startApp, type InProcessServer } from '../helpers/app';
import { demoPassword } from '../helpers/server';
import { bookingIn, dayIn } from '../helpers/dates';

/**
 * A new action's due date, attacked as a member would send it, between meetings (HTTP) and in a
 * live meeting (the `record-action` socket action): a day already past, a two-digit year padded
 * to 0027, 31 February and no date are each refused naming the problem, and nothing is stored.
 * An action stored before, now overdue, still loads and is ticked off. The site's locked goal and
 * that action are written straight into the store, as factories do.
 */
let server: InProcessServer;
let facilitator: ApiClient;
let member: ApiClient;
let memberId: string;
let siteId: string;
let meetingId: string;
let socket: ClientSocket;
const what = 'Share the referral form';
const nextYear = Number(dayIn(0).slice(0, 4)) + 1;

/** Each attack, and what the server must say about it. */
const attacks: { due: string | undefined; problem: string }[] = [
  { due: dayIn(-1), problem: 'Date it is due must be today or in the future' },
  { due: '0027-02-03', problem: 'Year must include 4 numbers' },
  { due: `${nextYear}-02-31`, problem: 'Date it is due must be a real date' },
  { due: '', problem: 'Enter the date it is due' },
  { due: undefined, problem: 'Enter the date it is due' },
];

const actions = async () => {
  const overview = (await facilitator.get(`/api/sites/${siteId}/goals`)).body as GoalsOverview;
  return [...overview.goals.flatMap((g) => [...g.openActions, ...g.doneActions]), ...overview.otherActions];
};

beforeAll(async () => {
  server = await startApp();
  facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  siteId = (await facilitator.post('/api/sites', { name: 'Due Date Borough' })).body.id;
  member = await inviteAndAccept(server, facilitator, siteId, 'member@due.example', { name: 'Olu Owner' });
  memberId = (await member.get('/api/me')).body.id;
  const book: GoalBook = {
    ...emptyGoalBook(),
    version: 1,
    lock: { meetingId: 'm-earlier', by: 'f', at: new Date().toISOString(), reviewBy: dayIn(300) },
    goals: [{ id: 'g1', position: 1, override: null, ownerId: null, draft: { wording: 'One referral form', specific: 's', measurable: { measure: 'm', target: '1' }, achievable: { ownerOrganisation: 'o', ownerName: 'n', resources: 'r' }, relevantDomains: [6], dueDate: null } }],
    actions: [{ id: 'a-stored', what: 'Map the school routes', owner: 'Olu Owner', ownerId: memberId, due: dayIn(-10), done: false, createdBy: memberId, createdAt: new Date().toISOString(), goalId: 'g1', domainId: null, meetingId: null }],
  };
  await updateVersioned(server.app().store, 'goal-book', siteId, emptyGoalBook, () => ({ ok: true, value: book }), GoalBook);
  meetingId = (await facilitator.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: bookingIn(20), durationMinutes: 120, attendeeIds: [memberId] })).body.id;
  expect((await facilitator.post(`/api/meetings/${meetingId}/start`)).status).toBe(200);
  const driver = await connectedSocket(server.url, facilitator.cookie);
  expect((await request(driver, 'meeting:join', { meetingId })).ok).toBe(true);
  expect((await request(driver, 'meeting:action', { meetingId, action: { type: 'set-phase', phase: 'domain-review' } })).ok).toBe(true);
  driver.close();
  socket = await connectedSocket(server.url, member.cookie);
  expect((await request(socket, 'meeting:join', { meetingId })).ok).toBe(true);
}, 60_000);

afterAll(async () => {
  socket?.close();
  await server?.stop();
});

describe('a new action’s due date', () => {
  it('between meetings: each wrong date is refused with a 4xx naming it on the due field, and nothing is stored', async () => {
    const before = await actions();
    for (const { due, problem } of attacks) {
      const sent = await member.post(`/api/sites/${siteId}/goals/g1/actions`, { what, owner: 'Olu Owner', ownerId: memberId, due });
      expect(sent.status, String(due)).toBeGreaterThanOrEqual(400);
      expect(sent.status, String(due)).toBeLessThan(500);
      expect(sent.body, String(due)).toEqual({ error: problem, fields: { due: problem } });
    }
    expect(await actions()).toEqual(before);
  });

  it('in a live meeting: each wrong date is refused naming it, and nothing is stored', async () => {
    const before = await actions();
    for (const { due, problem } of attacks) {
      const reply = await request(socket, 'meeting:action', { meetingId, action: { type: 'record-action', what, ownerId: memberId, due, domainId: 6 } });
      expect(reply, String(due)).toEqual({ ok: false, error: problem });
    }
    expect(await actions()).toEqual(before);
  });

  it('is today at the earliest, in London; an action stored before and now overdue still loads and is ticked off', async () => {
    expect((await member.post(`/api/sites/${siteId}/goals/g1/actions`, { what, owner: 'Olu Owner', due: dayIn(0) })).status).toBe(201);
    expect((await request(socket, 'meeting:action', { meetingId, action: { type: 'record-action', what, ownerId: memberId, due: dayIn(0), domainId: 6 } })).ok).toBe(true);
    expect((await actions()).find((a) => a.id === 'a-stored')).toMatchObject({ due: dayIn(-10), done: false });
    expect((await member.request('PATCH', `/api/sites/${siteId}/goal-actions/a-stored`, { done: true })).status).toBe(200);
    expect((await actions()).find((a) => a.id === 'a-stored')).toMatchObject({ due: dayIn(-10), done: true });
  });
});
