import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGoalDraft, goalDraftText, setGoalDraftField, type GoalTextField } from '@shared/goals/drafts';
import { meetingActionRefusal, meetingActionTypes } from '@shared/meeting-actions';
import { meetingGoalsDocName, MeetingKind } from '@shared/meetings/meeting';
import { phasesFor } from '@shared/meetings/phases';
import type { SiteRole } from '@shared/roles';
import { collabClient, eventually, whenSynced } from '../helpers/collab';
import { ApiClient } from '../helpers/http';
import { smartGoalFields } from '../helpers/smart-goal';
import { cellSpecs, type CellContext, type Seen } from '../helpers/meeting-action-cells';
import { inviteAndAccept } from '../helpers/outbox';
import { connectedSocket, request, type ClientSocket } from '../helpers/realtime';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';
import { bookingIn, dayIn } from '../helpers/dates';

/**
 * Every cell of the table of meeting actions (shared/meeting-actions.ts), generated from it and
 * tried through the real server: each action, by each role, in each phase of each kind of
 * meeting. A refused cell answers in the table's words and changes nothing (the person's view
 * of the meeting and the site's goal book are as before); an allowed one answers and takes effect.
 */
interface Person {
  role: SiteRole;
  api: ApiClient;
  id: string;
  socket: ClientSocket;
}

let server: RunningServer;
let siteId: string;
let people: Person[];
/** The site's second facilitator: not one of the roles tried, only the one the controls are handed to and back from. */
let coFacilitator: Person;
const roles: SiteRole[] = ['stakeholder', 'lead', 'facilitator'];
const byRole = (role: SiteRole) => people.find((p) => p.role === role)!;
const draftIds = ['goal-000', 'goal-001', 'goal-002'];


/** A meeting action, over socket.io as the board sends it. */
function act(p: Person, meetingId: string, action: object): Promise<{ ok: boolean; error?: string }> {
  return request(p.socket, 'meeting:action', { meetingId, action });
}

async function seen(p: Person, meetingId: string): Promise<Seen> {
  const [detail, goals] = await Promise.all([p.api.get(`/api/meetings/${meetingId}`), p.api.get(`/api/sites/${siteId}/goals`)]);
  const { serverTime: _serverTime, ...view } = detail.body.live;
  return { view, goals: goals.body, meetingId, userId: p.id };
}
/** What a refused action must leave as it was: everything but the clock. */
const unchanged = (before: Seen, after: Seen) => expect(after).toEqual(before);

/** A live meeting of this kind with everyone joined; the consultation has three SMART drafts to work on. */
async function liveMeeting(kind: MeetingKind): Promise<string> {
  const stakeholder = byRole('stakeholder');
  let meetingId: string;
  if (kind === 'tailored-support') {
    const created = await byRole('facilitator').api.post(`/api/sites/${siteId}/tailored-sessions`, {
      title: 'Whole-school approach',
      format: 'online-module',
      domains: [5],
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      durationMinutes: 60,
      registrationCloseDays: 0,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    meetingId = created.body.meeting.id;
    expect((await stakeholder.api.post(`/api/meetings/${meetingId}/registration`)).status).toBe(201);
  } else {
    const created = await byRole('facilitator').api.post(`/api/sites/${siteId}/meetings`, { kind, startsAt: bookingIn(37), durationMinutes: 120, attendeeIds: [stakeholder.id] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    meetingId = created.body.id;
  }
  expect((await byRole('facilitator').api.post(`/api/meetings/${meetingId}/start`)).status).toBe(200);
  for (const p of [...people, coFacilitator]) expect((await request(p.socket, 'meeting:join', { meetingId })).ok).toBe(true);
  if (kind === 'consultation') await proposeDrafts(meetingId);
  return meetingId;
}

async function proposeDrafts(meetingId: string): Promise<void> {
  const stakeholder = byRole('stakeholder');
  const board = collabClient(server.wsUrl, meetingGoalsDocName(siteId, meetingId), stakeholder.api.cookie);
  await whenSynced(board);
  for (const [n, id] of draftIds.entries()) {
    addGoalDraft(board.doc, id, { id: stakeholder.id, name: 'Sam Stakeholder' });
    for (const [field, text] of Object.entries(smartGoalFields(n))) goalDraftText(board.doc, id, field as GoalTextField)!.insert(0, text);
    setGoalDraftField(board.doc, id, 'relevantDomains', [6]);
    setGoalDraftField(board.doc, id, 'dueDate', dayIn(200));
  }
  await eventually(async () => {
    const fresh = collabClient(server.wsUrl, meetingGoalsDocName(siteId, meetingId), byRole('lead').api.cookie);
    await whenSynced(fresh);
    const stored = fresh.doc.getMap('goals').size;
    fresh.destroy();
    if (stored !== draftIds.length) throw new Error('goal drafts not stored yet');
  });
  board.destroy();
}

beforeAll(async () => {
  server = await startApp();
  const facilitatorApi = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  siteId = (await facilitatorApi.post('/api/sites', { name: 'Actions Borough' })).body.id;
  const apis: Record<SiteRole, ApiClient> = {
    facilitator: facilitatorApi,
    lead: await inviteAndAccept(server, facilitatorApi, siteId, 'lead@actions.example', { role: 'lead', name: 'Lee Lead' }),
    stakeholder: await inviteAndAccept(server, facilitatorApi, siteId, 'stakeholder@actions.example', { name: 'Sam Stakeholder' }),
  };
  people = await Promise.all(
    roles.map(async (role) => ({ role, api: apis[role], id: (await apis[role].get('/api/me')).body.id as string, socket: await connectedSocket(server.url, apis[role].cookie) })),
  );
  const coApi = await inviteAndAccept(server, facilitatorApi, siteId, 'cofacilitator@actions.example', { role: 'facilitator', name: 'Cora Co-facilitator' });
  coFacilitator = { role: 'facilitator', api: coApi, id: (await coApi.get('/api/me')).body.id as string, socket: await connectedSocket(server.url, coApi.cookie) };
}, 120_000);

afterAll(async () => {
  for (const p of people ?? []) p.socket.close();
  coFacilitator?.socket.close();
  await server?.stop();
});

// The consultation first: it locks the goals the reviews then rate.
const kinds: MeetingKind[] = ['consultation', 'review-3m', 'review-6m', 'review-extra', 'tailored-support'];

describe('every cell of the table of meeting actions, through the real server', () => {
  it.each(kinds)('answers each action by each role in each phase of a %s as the table says', async (kind) => {
    const meetingId = await liveMeeting(kind);
    const facilitator = byRole('facilitator');
    const specs = cellSpecs(async (id) => (await seen(facilitator, id)).view.voting.status);
    let locked: string[] = (await seen(facilitator, meetingId)).goals.goals.map((g) => g.goal.id);
    let counter = 0;
    const mismatches: string[] = [];
    for (const phase of phasesFor(kind)) {
      const moved = await act(facilitator, meetingId, { type: 'set-phase', phase });
      expect(moved.ok, moved.error).toBe(true);
      for (const type of meetingActionTypes) {
        for (const role of roles) {
          const actor = byRole(role);
          const cell = `${kind} · ${phase} · ${type} · ${role}`;
          const ctx: CellContext = {
            meetingId,
            phase,
            drafts: kind === 'consultation' ? draftIds : [],
            locked: () => locked,
            freshId: (prefix) => `${prefix}-${kind}-${++counter}`,
            coFacilitatorId: coFacilitator.id,
            facilitatorId: facilitator.id,
            actAs: async (who, action) => {
              const doers = who === 'everyone' ? people : [who === 'actor' ? actor : who === 'co-facilitator' ? coFacilitator : facilitator];
              for (const p of doers) {
                const reply = await act(p, meetingId, action);
                if (!reply.ok) throw new Error(`${cell}: setting up with ${JSON.stringify(action)}: ${reply.error}`);
              }
            },
          };
          const refusal = meetingActionRefusal(type, role, { kind, phase });
          const spec = specs[type];
          if (!refusal) await spec.prepare?.(ctx);
          const action = spec.action(ctx);
          const before = await seen(actor, meetingId);
          const reply = await act(actor, meetingId, action);
          const after = await seen(actor, meetingId);
          if (refusal) {
            if (reply.ok || reply.error !== refusal) mismatches.push(`${cell}: expected “${refusal}”, got ${JSON.stringify(reply).slice(0, 160)}`);
            else if (JSON.stringify(after) !== JSON.stringify(before)) mismatches.push(`${cell}: refused, yet something changed`);
          } else if (!reply.ok) {
            mismatches.push(`${cell}: allowed, yet refused: ${reply.error}`);
          } else if (!spec.tookEffect(before, after, action)) {
            mismatches.push(`${cell}: allowed and answered, yet took no effect`);
          }
          if (!refusal && reply.ok) await spec.cleanup?.(ctx);
          if (type === 'lock-goals') locked = after.goals.goals.map((g) => g.goal.id);
        }
      }
    }
    expect(mismatches).toEqual([]);
    if (kind === 'consultation') expect(locked).toEqual(draftIds);
  }, 300_000);
});

describe('goal ids named in a meeting', () => {
  it('must be goals of this book: a made-up or another meeting’s goal is refused and nothing is stored', async () => {
    const meetingId = await liveMeeting('review-3m');
    const [facilitator, stakeholder] = [byRole('facilitator'), byRole('stakeholder')];
    expect((await act(facilitator, meetingId, { type: 'set-phase', phase: 'goals' })).ok).toBe(true);
    const before = await seen(stakeholder, meetingId);
    expect(await act(stakeholder, meetingId, { type: 'rate-goal-privately', goalId: 'goal-made-up', rating: 7 })).toEqual({ ok: false, error: 'That goal is not one of the locked goals' });
    expect(await act(facilitator, meetingId, { type: 'record-goal-rating', goalId: 'goal-made-up', rating: 7 })).toEqual({ ok: false, error: 'That goal is not one of the locked goals' });
    // Stances are on drafts proposed in the meeting, and a review drafts none.
    const stance = await act(stakeholder, meetingId, { type: 'respond-to-goal', goalId: draftIds[0], stance: 'agree' });
    expect(stance).toEqual({ ok: false, error: 'Responding to a proposed goal is not part of a 3-month review meeting' });
    unchanged(before, await seen(stakeholder, meetingId));
  });
});
