import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from 'date-fns';
import { CloseCode } from '@shared/collab/close-codes';
import { addGoalDraft } from '@shared/goals/drafts';
import { defaultPlan } from '@shared/meetings/agenda';
import { meetingGoalsDocName } from '@shared/meetings/meeting';
import { defaultScript } from '@shared/meetings/script';
import type { MeetingStateEvent } from '@shared/realtime';
import { collabClient, eventually, whenSynced } from '../helpers/collab';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept } from '../helpers/outbox';
import { connectedSocket, request, type ClientSocket } from '../helpers/realtime';
import { startApp, type InProcessServer } from '../helpers/app';
import { demoPassword } from '../helpers/server';

/**
 * Two facilitators run a meeting to time: the plan made beforehand, one driver at a time with an
 * explicit hand-over, the controls offered to the other facilitator (never a participant) when the
 * driver drops, a pause that the server enforces on every path, and a script only facilitators get.
 */
interface Person {
  api: ApiClient;
  id: string;
  socket: ClientSocket;
  /** Every meeting message this person's socket received, as sent. */
  frames: string[];
  states: MeetingStateEvent[];
}

let server: InProcessServer;
let siteId: string;
let driver: Person;
let supporter: Person;
let stakeholder: Person;
let lead: Person;
const sockets: ClientSocket[] = [];

async function personFor(api: ApiClient): Promise<Person> {
  const socket = await connectedSocket(server.url, api.cookie);
  sockets.push(socket);
  const person: Person = { api, id: (await api.get('/api/me')).body.id, socket, frames: [], states: [] };
  socket.onAny((_event, ...args) => person.frames.push(JSON.stringify(args)));
  socket.on('meeting:state', (state) => person.states.push(state));
  return person;
}

const act = (p: Person, meetingId: string, action: object) => request(p.socket, 'meeting:action', { meetingId, action });

async function scheduledConsultation(): Promise<string> {
  const startsAt = addDays(new Date(), 14).toISOString();
  const created = await driver.api.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt, durationMinutes: 180, attendeeIds: [stakeholder.id] });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id;
}

async function liveConsultation(): Promise<string> {
  const meetingId = await scheduledConsultation();
  expect((await driver.api.post(`/api/meetings/${meetingId}/start`)).status).toBe(200);
  for (const p of [driver, supporter, stakeholder, lead]) expect((await request(p.socket, 'meeting:join', { meetingId })).ok).toBe(true);
  return meetingId;
}

beforeAll(async () => {
  server = await startApp();
  const facilitatorApi = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  siteId = (await facilitatorApi.post('/api/sites', { name: 'Run of Show Borough' })).body.id;
  driver = await personFor(facilitatorApi);
  supporter = await personFor(await inviteAndAccept(server, facilitatorApi, siteId, 'cora@runofshow.example', { role: 'facilitator', name: 'Cora Cofacilitator' }));
  stakeholder = await personFor(await inviteAndAccept(server, facilitatorApi, siteId, 'sam@runofshow.example', { name: 'Sam Stakeholder' }));
  lead = await personFor(await inviteAndAccept(server, facilitatorApi, siteId, 'lee@runofshow.example', { role: 'lead', name: 'Lee Lead' }));
}, 120_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server?.stop();
});

describe('the plan of a meeting', () => {
  it('starts as the default for its kind and length, and is changed by a facilitator before the meeting', async () => {
    const meetingId = await scheduledConsultation();
    const plan = await driver.api.get(`/api/meetings/${meetingId}/plan`);
    expect(plan.body).toEqual({ phases: defaultPlan('consultation', 180), bookedMinutes: 180, edited: false });
    const phases = defaultPlan('consultation', 180).map((p) => (p.phase === 'welcome' ? { ...p, minutes: p.minutes - 5 } : p.phase === 'goals' ? { ...p, minutes: p.minutes + 5 } : p));
    const saved = await supporter.api.put(`/api/meetings/${meetingId}/plan`, { phases });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ phases, bookedMinutes: 180, edited: true });
    expect((await driver.api.get(`/api/meetings/${meetingId}/plan`)).body.phases).toEqual(phases);
  });

  it('refuses a plan that does not add up, bad input, anyone but a facilitator, and any change once started; nothing changes', async () => {
    const meetingId = await scheduledConsultation();
    const before = (await driver.api.get(`/api/meetings/${meetingId}/plan`)).body;
    const short = defaultPlan('consultation', 180).map((p) => (p.phase === 'close' ? { ...p, minutes: 1 } : p));
    const refused = await driver.api.put(`/api/meetings/${meetingId}/plan`, { phases: short });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toBe('The phases add up to 171 minutes; the meeting is booked for 180. Make them add up to 180.');
    expect((await driver.api.put(`/api/meetings/${meetingId}/plan`, { phases: [{ phase: 'welcome', minutes: 'ten' }] })).status).toBe(400);
    for (const p of [stakeholder, lead]) {
      expect((await p.api.put(`/api/meetings/${meetingId}/plan`, { phases: defaultPlan('consultation', 180) })).status).toBe(403);
      expect((await p.api.get(`/api/meetings/${meetingId}/plan`)).status).toBe(403);
    }
    expect((await driver.api.get(`/api/meetings/${meetingId}/plan`)).body).toEqual(before);
    expect((await driver.api.post(`/api/meetings/${meetingId}/start`)).status).toBe(200);
    expect((await driver.api.put(`/api/meetings/${meetingId}/plan`, { phases: defaultPlan('consultation', 180) })).status).toBe(409);
  });
});

describe('the facilitator script', () => {
  it('is the guide’s by default, changed per site by a facilitator, and read by nobody else', async () => {
    const meetingId = await liveConsultation();
    expect((await driver.api.get(`/api/meetings/${meetingId}/script`)).body).toEqual({ phases: defaultScript, edited: false });
    const secret = 'PRIVATE-SCRIPT-MARKER: ask the CCG lead about the waiting list first';
    const saved = await supporter.api.put(`/api/sites/${siteId}/facilitator-script`, { phases: { 'domain-review': secret } });
    expect(saved.status).toBe(200);
    expect((await driver.api.get(`/api/meetings/${meetingId}/script`)).body.phases['domain-review']).toBe(secret);
    for (const p of [stakeholder, lead]) {
      const read = await p.api.get(`/api/meetings/${meetingId}/script`);
      expect(read.status).toBe(403);
      expect(JSON.stringify(read.body)).not.toContain('PRIVATE-SCRIPT-MARKER');
      expect((await p.api.get(`/api/sites/${siteId}/facilitator-script`)).status).toBe(403);
      expect((await p.api.put(`/api/sites/${siteId}/facilitator-script`, { phases: { welcome: 'taken over' } })).status).toBe(403);
      const detail = await p.api.get(`/api/meetings/${meetingId}`);
      expect(JSON.stringify(detail.body)).not.toContain('PRIVATE-SCRIPT-MARKER');
    }
    expect((await supporter.api.put(`/api/sites/${siteId}/facilitator-script`, { phases: { welcome: 'x'.repeat(4001) } })).status).toBe(400);
    expect((await driver.api.get(`/api/meetings/${meetingId}/script`)).body.phases.welcome).toBe(defaultScript.welcome);
    // Move the meeting on: nothing any socket received carries the script.
    expect((await act(driver, meetingId, { type: 'set-phase', phase: 'domain-review' })).ok).toBe(true);
    for (const p of [driver, supporter, stakeholder, lead]) expect(p.frames.join('\n')).not.toContain('PRIVATE-SCRIPT-MARKER');
  });
});

describe('one facilitator drives', () => {
  it('locks the controls to the driver: the other facilitator and every participant are refused until a hand-over', async () => {
    const meetingId = await liveConsultation();
    expect((await act(driver, meetingId, { type: 'set-phase', phase: 'domain-review' })).ok).toBe(true);
    const taken = { ok: false, error: 'Farah Facilitator is driving the meeting: only they can do that until they hand over the controls' };
    expect(await act(supporter, meetingId, { type: 'focus', domain: 2 })).toEqual(taken);
    expect(await act(supporter, meetingId, { type: 'take-controls' })).toEqual({ ok: false, error: 'Farah Facilitator has the controls: ask them to hand over' });
    for (const attacker of [stakeholder, lead]) {
      for (const action of [{ type: 'take-controls' }, { type: 'hand-over', to: attacker.id }, { type: 'pause-meeting' }, { type: 'set-phase', phase: 'goals' }, { type: 'extend-timer', seconds: 60 }]) {
        expect(await act(attacker, meetingId, action)).toEqual({ ok: false, error: 'Only a facilitator can do that' });
      }
    }
    expect(await act(driver, meetingId, { type: 'hand-over', to: stakeholder.id })).toEqual({ ok: false, error: 'The controls can be handed only to a facilitator of this site' });
    const handed = await act(driver, meetingId, { type: 'hand-over', to: supporter.id });
    expect(handed.ok).toBe(true);
    expect(handed.data.driver).toEqual({ userId: supporter.id, name: 'Cora Cofacilitator', away: false });
    await eventually(() => expect(stakeholder.states.at(-1)?.driver?.userId).toBe(supporter.id));
    expect((await act(supporter, meetingId, { type: 'focus', domain: 2 })).ok).toBe(true);
    expect((await act(driver, meetingId, { type: 'focus', domain: 3 })).error).toMatch(/^Cora Cofacilitator is driving/);
  });

  it('offers the controls to the other facilitator when the driver’s last connection drops, and never to a participant', async () => {
    const meetingId = await liveConsultation();
    const leaving = await personFor(driver.api);
    expect((await request(leaving.socket, 'meeting:join', { meetingId })).ok).toBe(true);
    expect((await act(leaving, meetingId, { type: 'take-controls' })).ok).toBe(true);
    // The driver has another tab open: closing one is not leaving.
    leaving.socket.close();
    const marker = await act(supporter, meetingId, { type: 'start-ready-check' });
    expect(marker.data.driver).toEqual({ userId: driver.id, name: 'Farah Facilitator', away: false });
    driver.socket.close();
    await eventually(() => expect(supporter.states.at(-1)?.driver?.away).toBe(true));
    expect(await act(stakeholder, meetingId, { type: 'take-controls' })).toEqual({ ok: false, error: 'Only a facilitator can do that' });
    const taken = await act(supporter, meetingId, { type: 'take-controls' });
    expect(taken.data.driver).toEqual({ userId: supporter.id, name: 'Cora Cofacilitator', away: false });
    expect((await act(supporter, meetingId, { type: 'set-phase', phase: 'domain-review' })).ok).toBe(true);
    // Back again, the first facilitator supports until handed the controls.
    driver = await personFor(driver.api);
    expect((await request(driver.socket, 'meeting:join', { meetingId })).ok).toBe(true);
    expect((await act(driver, meetingId, { type: 'focus', domain: 1 })).error).toMatch(/^Cora Cofacilitator is driving/);
    expect((await act(supporter, meetingId, { type: 'hand-over', to: driver.id })).ok).toBe(true);
  });
});

describe('pausing the meeting', () => {
  it('refuses every write while paused, from every participant, on the socket and on the co-edited document; all resumes after', async () => {
    const meetingId = await liveConsultation();
    expect((await act(driver, meetingId, { type: 'set-phase', phase: 'domain-review' })).ok).toBe(true);
    const goalsDoc = meetingGoalsDocName(siteId, meetingId);
    const writer = collabClient(server.wsUrl, goalsDoc, stakeholder.api.cookie);
    await whenSynced(writer);
    const paused = await act(driver, meetingId, { type: 'pause-meeting', message: 'Short break: back at quarter past' });
    expect(paused.data.paused.message).toBe('Short break: back at quarter past');
    await eventually(() => expect(stakeholder.states.at(-1)?.paused?.message).toBe('Short break: back at quarter past'));
    const refusal = { ok: false, error: 'The meeting is paused: the board takes no changes until a facilitator resumes it' };
    for (const p of [stakeholder, lead, supporter, driver]) {
      expect(await act(p, meetingId, { type: 'add-note', noteId: `paused-${p.id.slice(0, 8)}`, domain: 1, list: 'strength', text: 'Written during the pause' })).toEqual(refusal);
    }
    // A write to the co-edited goals is refused by the server (not taken, not relayed), and the writer is told why.
    addGoalDraft(writer.doc, 'goal-paused', { id: stakeholder.id, name: 'Sam Stakeholder' });
    await eventually(() => expect(writer.closes.some((c) => c.code === CloseCode.paused)).toBe(true));
    const reader = collabClient(server.wsUrl, goalsDoc, lead.api.cookie);
    await whenSynced(reader);
    expect(reader.doc.getMap('goals').has('goal-paused')).toBe(false);
    expect((await act(driver, meetingId, { type: 'resume-meeting' })).ok).toBe(true);
    // Once resumed, the writer's kept change is sent again and taken.
    await eventually(() => expect(reader.doc.getMap('goals').has('goal-paused')).toBe(true));
    expect((await act(stakeholder, meetingId, { type: 'add-note', noteId: 'after-pause', domain: 1, list: 'strength', text: 'After the pause' })).ok).toBe(true);
    writer.destroy();
    reader.destroy();
  });

  it('holds a pause this process never heard of (made by another process while Redis was away): the store refuses the change as it stores it', async () => {
    const meetingId = await liveConsultation();
    expect((await act(driver, meetingId, { type: 'set-phase', phase: 'goals' })).ok).toBe(true);
    const goalsDoc = meetingGoalsDocName(siteId, meetingId);
    const writer = collabClient(server.wsUrl, goalsDoc, stakeholder.api.cookie);
    const reader = collabClient(server.wsUrl, goalsDoc, lead.api.cookie);
    await Promise.all([whenSynced(writer), whenSynced(reader)]);
    // Heard to be running: a first change is taken.
    addGoalDraft(writer.doc, 'goal-before', { id: stakeholder.id, name: 'Sam Stakeholder' });
    await eventually(() => expect(reader.doc.getMap('goals').has('goal-before')).toBe(true));
    // Paused and later resumed straight in the store, with no event: as another process would
    // whose message about it was lost.
    const store = server.app().store;
    const setPaused = async (paused: object | null) => {
      const stored = (await store.getVersioned('facilitation', meetingId))!;
      const state = JSON.parse(stored.json);
      expect(await store.saveVersioned('facilitation', meetingId, stored.version, stored.version + 1, JSON.stringify({ ...state, version: stored.version + 1, paused }))).toBe(true);
    };
    await setPaused({ message: 'Back in five', at: new Date().toISOString(), by: 'another process' });
    addGoalDraft(writer.doc, 'goal-unheard-pause', { id: stakeholder.id, name: 'Sam Stakeholder' });
    // Refused as it was stored; everyone reconnects to what is stored, and the writer, sending
    // the change again, is told the meeting is paused.
    await eventually(() => expect(writer.closes.some((c) => c.code === CloseCode.paused)).toBe(true));
    const fresh = collabClient(server.wsUrl, goalsDoc, lead.api.cookie);
    await whenSynced(fresh);
    expect(fresh.doc.getMap('goals').has('goal-before')).toBe(true);
    expect(fresh.doc.getMap('goals').has('goal-unheard-pause')).toBe(false);
    expect(reader.doc.getMap('goals').has('goal-unheard-pause')).toBe(false);
    // Resumed, also unheard: the pause is read from the store again, and the kept change is taken.
    await setPaused(null);
    await eventually(() => expect(fresh.doc.getMap('goals').has('goal-unheard-pause')).toBe(true));
    for (const client of [writer, reader, fresh]) client.destroy();
  });
});

describe('pausing a review', () => {
  it('refuses goal ratings and actions recorded in the meeting while paused', async () => {
    const created = await driver.api.post(`/api/sites/${siteId}/meetings`, { kind: 'review-3m', startsAt: addDays(new Date(), 3).toISOString(), durationMinutes: 90, attendeeIds: [stakeholder.id] });
    const meetingId = created.body.id;
    expect((await driver.api.post(`/api/meetings/${meetingId}/start`)).status).toBe(200);
    for (const p of [driver, stakeholder, lead]) expect((await request(p.socket, 'meeting:join', { meetingId })).ok).toBe(true);
    expect((await act(driver, meetingId, { type: 'set-phase', phase: 'goals' })).ok).toBe(true);
    expect((await act(driver, meetingId, { type: 'pause-meeting' })).ok).toBe(true);
    const paused = 'The meeting is paused: the board takes no changes until a facilitator resumes it';
    expect(await act(driver, meetingId, { type: 'record-goal-rating', goalId: 'goal-000', rating: 5 })).toEqual({ ok: false, error: paused });
    expect(await act(lead, meetingId, { type: 'record-action', what: 'Publish the list', ownerId: lead.id, due: addDays(new Date(), 30).toISOString().slice(0, 10), domainId: 2 })).toEqual({ ok: false, error: paused });
  });
});

describe('the ready check', () => {
  it('shows who is done writing, by name, to everyone', async () => {
    const meetingId = await liveConsultation();
    expect((await act(stakeholder, meetingId, { type: 'start-ready-check' })).error).toBe('Only a facilitator can do that');
    expect((await act(supporter, meetingId, { type: 'start-ready-check' })).ok).toBe(true);
    const mine = await act(stakeholder, meetingId, { type: 'mark-ready', ready: true });
    expect(mine.data.readyCheck).toEqual({ ready: ['Sam Stakeholder'], mine: true });
    await eventually(() => expect(lead.states.at(-1)?.readyCheck).toEqual({ ready: ['Sam Stakeholder'], mine: false }));
    expect((await act(driver, meetingId, { type: 'end-ready-check' })).data.readyCheck).toBeNull();
  });
});
