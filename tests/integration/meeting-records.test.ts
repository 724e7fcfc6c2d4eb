import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoalsOverview } from '@shared/goals/book';
import { refusalFor } from '@shared/policy';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept } from '../helpers/outbox';
import { connectedSocket, request, type ClientSocket } from '../helpers/realtime';
import { startApp, type InProcessServer } from '../helpers/app';
import { demoPassword } from '../helpers/server';
import { bookingIn, dayIn } from '../helpers/dates';
import { docxText, odtText } from '../helpers/office-text';
import { pdfText } from '../helpers/pdf';

/**
 * Actions and decisions recorded in a live meeting, through the meeting's socket path like every
 * other meeting action: tied to a CASCADE domain during the domain review, put on the owner's
 * to-do list, ticked off between meetings only by the owner, the lead or a facilitator (never a
 * member of another site, nor a stakeholder who does not own it), and shown in the record.
 */
let server: InProcessServer;
let facilitator: ApiClient;
let owner: ApiClient;
let bystander: ApiClient;
let outsider: ApiClient;
let siteId: string;
let meetingId: string;
let ownerId: string;
const sockets: ClientSocket[] = [];
const what = 'Map the school routes into CYPMHS';
const decided = 'Referrals go through one shared inbox';

const goals = async () => (await facilitator.get(`/api/sites/${siteId}/goals`)).body as GoalsOverview;
const todosOf = async (api: ApiClient) => (await api.get(`/api/sites/${siteId}/timeline`)).body.todos as { id: string; text: string; status: string }[];
async function socketOf(api: ApiClient): Promise<ClientSocket> {
  const socket = await connectedSocket(server.url, api.cookie);
  sockets.push(socket);
  return socket;
}
const act = (socket: ClientSocket, action: object, actionId?: string) => request(socket, 'meeting:action', { meetingId, action, actionId });

beforeAll(async () => {
  server = await startApp();
  facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  // A member of the demo site only: another site's stakeholder.
  outsider = await ApiClient.signIn(server.url, 'stakeholder1@demo.example', demoPassword);
  siteId = (await facilitator.post('/api/sites', { name: 'Records Borough' })).body.id;
  owner = await inviteAndAccept(server, facilitator, siteId, 'owner@records.example', { name: 'Olu Owner' });
  bystander = await inviteAndAccept(server, facilitator, siteId, 'bystander@records.example', { name: 'Bea Bystander' });
  ownerId = (await owner.get('/api/me')).body.id;
  const bystanderId = (await bystander.get('/api/me')).body.id;
  meetingId = (await facilitator.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: bookingIn(20), durationMinutes: 120, attendeeIds: [ownerId, bystanderId] })).body.id;
  expect((await facilitator.post(`/api/meetings/${meetingId}/start`)).status).toBe(200);
}, 60_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server?.stop();
});

describe('an action recorded during the domain review', () => {
  it('is taken over the meeting’s socket from anyone taking part, tied to the domain in focus, once per action id', async () => {
    const driver = await socketOf(facilitator);
    expect((await request(driver, 'meeting:join', { meetingId })).ok).toBe(true);
    expect((await act(driver, { type: 'set-phase', phase: 'domain-review' })).ok).toBe(true);
    expect((await act(driver, { type: 'focus', domain: 6 })).ok).toBe(true);
    const byBystander = await socketOf(bystander);
    expect((await request(byBystander, 'meeting:join', { meetingId })).ok).toBe(true);
    const actionId = crypto.randomUUID();
    const action = { type: 'record-action', what, ownerId, due: dayIn(21), domainId: 6 };
    expect((await act(byBystander, action, actionId)).ok).toBe(true);
    expect((await act(byBystander, action, actionId)).ok).toBe(true);
    const recorded = (await goals()).otherActions;
    expect(recorded).toEqual([expect.objectContaining({ what, owner: 'Olu Owner', ownerId, domainId: 6, goalId: null, meetingId, done: false })]);
  });

  it('refuses, in words and changing nothing, an owner from outside the site, a goal not locked, both a goal and a domain, and a member of another site', async () => {
    const before = await goals();
    const byBystander = sockets[1]!;
    const stranger = (await outsider.get('/api/me')).body.id;
    expect(await act(byBystander, { type: 'record-action', what, ownerId: stranger, due: dayIn(21), domainId: 6 })).toEqual({ ok: false, error: 'Choose someone who is a member of this site' });
    expect(await act(byBystander, { type: 'record-decision', text: decided, goalId: 'goal-none' })).toEqual({ ok: false, error: 'That goal is not one of the locked goals' });
    expect(await act(byBystander, { type: 'record-decision', text: decided, goalId: 'goal-none', domainId: 6 })).toEqual({ ok: false, error: 'Tie it to a goal or to a domain, not both' });
    const intruder = await socketOf(outsider);
    expect((await request(intruder, 'meeting:join', { meetingId })).ok).toBe(false);
    expect((await act(intruder, { type: 'record-action', what: 'Planted', ownerId: stranger, due: dayIn(21), domainId: 6 })).ok).toBe(false);
    expect((await act(intruder, { type: 'record-decision', text: 'Planted', domainId: 6 })).ok).toBe(false);
    expect(await goals()).toEqual(before);
  });

  it('is on its owner’s to-do list, saying the domain, and on nobody else’s', async () => {
    const [action] = (await goals()).otherActions;
    expect((await todosOf(owner)).find((t) => t.id === `goal-action-${action!.id}`)).toMatchObject({ text: `6. Integrated working and access: ${what}` });
    expect((await todosOf(bystander)).some((t) => t.id === `goal-action-${action!.id}`)).toBe(false);
  });
});

describe('a decision at the close', () => {
  it('is a meeting action too: over HTTP a stakeholder can record none, with or without naming the meeting', async () => {
    const driver = sockets[0]!;
    for (const phase of ['areas-of-need', 'goals', 'close'] as const) expect((await act(driver, { type: 'set-phase', phase })).ok).toBe(true);
    expect(await bystander.post(`/api/sites/${siteId}/decisions`, { text: decided, domainId: 6, meetingId })).toMatchObject({ status: 403, body: { error: refusalFor('record-decision') } });
    expect((await act(sockets[1]!, { type: 'record-decision', text: decided, domainId: 6 })).ok).toBe(true);
    expect((await goals()).otherDecisions).toEqual([expect.objectContaining({ text: decided, domainId: 6, goalId: null, meetingId })]);
  });
});

describe('between meetings', () => {
  it('the action is ticked off by its owner, never by a stakeholder who does not own it or a member of another site', async () => {
    expect((await facilitator.post(`/api/meetings/${meetingId}/close`)).status).toBe(200);
    const [action] = (await goals()).otherActions;
    const tick = (api: ApiClient) => api.request('PATCH', `/api/sites/${siteId}/goal-actions/${action!.id}`, { done: true });
    expect(await tick(bystander)).toMatchObject({ status: 403, body: { error: refusalFor('complete-action') } });
    expect((await tick(outsider)).status).toBe(403);
    expect((await goals()).otherActions[0]!.done).toBe(false);
    expect((await tick(owner)).status).toBe(200);
    expect((await goals()).otherActions[0]!.done).toBe(true);
    expect((await todosOf(owner)).find((t) => t.id === `goal-action-${action!.id}`)?.status).toBe('done');
  });

  it('the record, as PDF, ODT and DOCX, names the domain the action and the decision are tied to', async () => {
    const download = async (format: string) => new Uint8Array(await (await fetch(`${server.url}/api/meetings/${meetingId}/report.${format}`, { headers: { Cookie: facilitator.cookie } })).arrayBuffer());
    const texts = { pdf: await pdfText(await download('pdf')), odt: odtText(await download('odt')).text, docx: docxText(await download('docx')) };
    for (const [format, text] of Object.entries(texts)) {
      for (const expected of [`6. Integrated working and access: ${what}`, `6. Integrated working and access: ${decided}`]) expect(text, `${format} holds “${expected}”`).toContain(expected);
    }
  });
});
