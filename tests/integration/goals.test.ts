import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGoalDraft, ensureReviewNotes, goalDraftText, readGoalDrafts, reviewNoteText, setGoalDraftField, type GoalTextField } from '@shared/goals/drafts';
import type { GoalsOverview } from '@shared/goals/book';
import { meetingGoalsDocName } from '@shared/meetings/meeting';
import type { MeetingStateEvent } from '@shared/realtime';
import { collabClient, eventually, whenSynced, type CollabClient } from '../helpers/collab';
import { ApiClient } from '../helpers/http';
import { smartGoalFields } from '../helpers/smart-goal';
import { inviteAndAccept } from '../helpers/outbox';
import { connectedSocket, request, type ClientSocket } from '../helpers/realtime';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';
import { bookingIn, dayIn } from '../helpers/dates';
import { ukDay } from '@shared/dates';

interface Person {
  api: ApiClient;
  id: string;
  name: string;
  socket: ClientSocket;
  board: CollabClient | null;
  goalEvents: number;
}

let server: RunningServer;
let facilitator: Person;
let lead: Person;
let stakeholders: Person[];
let outsider: ApiClient;
let siteId: string;
let consultationId: string;
const everyone = () => [facilitator, lead, ...stakeholders];


async function person(api: ApiClient): Promise<Person> {
  const me = (await api.get('/api/me')).body;
  const socket = await connectedSocket(server.url, api.cookie);
  const p: Person = { api, id: me.id, name: me.name, socket, board: null, goalEvents: 0 };
  socket.on('goals:changed', () => (p.goalEvents += 1));
  return p;
}

async function act(p: Person, meetingId: string, action: unknown): Promise<{ ok: boolean; error?: string; data?: MeetingStateEvent }> {
  return request(p.socket, 'meeting:action', { meetingId, action });
}

async function goals(p: Person | ApiClient = facilitator) {
  const api = p instanceof ApiClient ? p : p.api;
  return api.get(`/api/sites/${siteId}/goals`) as Promise<{ status: number; body: GoalsOverview }>;
}

/** Schedules, starts and joins a meeting (socket room and board for everyone), and moves it to its goals phase. */
async function openMeeting(kind: string, startsAt: string, baseMeetingId?: string): Promise<string> {
  const created = await facilitator.api.post(`/api/sites/${siteId}/meetings`, {
    kind,
    startsAt,
    durationMinutes: 120,
    attendeeIds: stakeholders.map((s) => s.id),
    baseMeetingId,
  });
  expect(created.status).toBe(201);
  const meetingId = created.body.id;
  expect((await facilitator.api.post(`/api/meetings/${meetingId}/start`)).status).toBe(200);
  for (const p of everyone()) {
    expect((await request(p.socket, 'meeting:join', { meetingId })).ok).toBe(true);
    p.board?.destroy();
    p.board = collabClient(server.wsUrl, meetingGoalsDocName(siteId, meetingId), p.api.cookie);
  }
  await Promise.all(everyone().map((p) => whenSynced(p.board!)));
  // Goals are drafted, locked and rated in the goals phase (shared/meeting-actions.ts).
  expect((await act(facilitator, meetingId, { type: 'set-phase', phase: 'goals' })).ok).toBe(true);
  return meetingId;
}

async function rateAll(meetingId: string, ratings: number[]) {
  const { body } = await goals();
  for (const [i, entry] of body.goals.entries()) {
    const reply = await act(facilitator, meetingId, { type: 'record-goal-rating', goalId: entry.goal.id, rating: ratings[i] });
    expect(reply).toMatchObject({ ok: true });
  }
}

beforeAll(async () => {
  server = await startApp();
  const facilitatorApi = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  siteId = (await facilitatorApi.post('/api/sites', { name: 'Goals Borough' })).body.id;
  const leadApi = await inviteAndAccept(server, facilitatorApi, siteId, 'lead@goals.example', { role: 'lead', name: 'Lee Lead' });
  const stakeholderApis = await Promise.all(
    [1, 2].map((i) => inviteAndAccept(server, facilitatorApi, siteId, `s${i}@goals.example`, { name: `Stakeholder ${i}` })),
  );
  outsider = await ApiClient.signIn(server.url, 'stakeholder1@demo.example', demoPassword);
  facilitator = await person(facilitatorApi);
  lead = await person(leadApi);
  stakeholders = [await person(stakeholderApis[0]!), await person(stakeholderApis[1]!)];
}, 120_000);

afterAll(async () => {
  for (const p of everyone()) {
    p.socket.close();
    p.board?.destroy();
  }
  await server?.stop();
});

describe('three SMART goals, agreed at the consultation and re-rated at two reviews', () => {
  it('drafts goals live on the board, two people typing into the same goal', async () => {
    consultationId = await openMeeting('consultation', bookingIn(37));
    const [s1, s2] = stakeholders as [Person, Person];
    for (const n of [1, 2, 3, 4]) {
      const id = `goal-00${n}`;
      addGoalDraft(s1.board!.doc, id, { id: s1.id, name: s1.name });
      for (const [field, text] of Object.entries(smartGoalFields(n))) goalDraftText(s1.board!.doc, id, field as GoalTextField)!.insert(0, text);
      setGoalDraftField(s1.board!.doc, id, 'relevantDomains', [2, 6]);
      setGoalDraftField(s1.board!.doc, id, 'dueDate', dayIn(200));
    }
    addGoalDraft(s2.board!.doc, 'goal-vague', { id: s2.id, name: s2.name });
    goalDraftText(s2.board!.doc, 'goal-vague', 'wording')!.insert(0, 'Improve communication');
    await eventually(() => expect(readGoalDrafts(s2.board!.doc)).toHaveLength(5));

    // Both type into goal 1's wording at once; both edits survive everywhere.
    goalDraftText(s1.board!.doc, 'goal-001', 'wording')!.insert(0, 'By July: ');
    const wording = goalDraftText(s2.board!.doc, 'goal-001', 'wording')!;
    wording.insert(wording.length, ' (agreed)');
    await eventually(() => {
      for (const p of everyone()) {
        expect(readGoalDrafts(p.board!.doc).find((g) => g.id === 'goal-001')?.draft.wording).toBe(`By July: ${smartGoalFields(1).wording} (agreed)`);
      }
    });
  });

  it('records agreement and concerns; a concern needs a comment', async () => {
    const [s1, s2] = stakeholders as [Person, Person];
    expect(await act(s1, consultationId, { type: 'respond-to-goal', goalId: 'goal-001', stance: 'agree' })).toMatchObject({ ok: true });
    expect(await act(s2, consultationId, { type: 'respond-to-goal', goalId: 'goal-001', stance: 'concerns' })).toEqual({ ok: false, error: 'Say what your concern is' });
    const reply = await act(s2, consultationId, { type: 'respond-to-goal', goalId: 'goal-002', stance: 'concerns', comment: 'Who funds the time?' });
    expect(reply.data!.goals.stances['goal-002']![s2.id]).toEqual({ stance: 'concerns', comment: 'Who funds the time?', name: 'Stakeholder 2' });
    expect(await act(s1, consultationId, { type: 'shortlist-goal', goalId: 'goal-001', shortlisted: true })).toEqual({ ok: false, error: 'Only a facilitator can do that' });
    for (const goalId of ['goal-001', 'goal-002', 'goal-vague']) {
      expect(await act(facilitator, consultationId, { type: 'shortlist-goal', goalId, shortlisted: true })).toMatchObject({ ok: true });
    }
  });

  it('refuses to lock two or four goals, a goal failing SMART, or a lock by a stakeholder; nothing changes', async () => {
    const attempts: [Person, string[], RegExp][] = [
      [facilitator, ['goal-001', 'goal-002'], /exactly 3 goals.*2 are chosen/],
      [facilitator, ['goal-001', 'goal-002', 'goal-003', 'goal-004'], /exactly 3 goals.*4 are chosen/],
      [facilitator, ['goal-001', 'goal-002', 'goal-vague'], /does not pass the SMART check/],
      [facilitator, ['goal-001', 'goal-002', 'goal-missing'], /has not been proposed in this meeting/],
      [stakeholders[0]!, ['goal-001', 'goal-002', 'goal-003'], /Only a facilitator/],
    ];
    for (const [who, goalIds, error] of attempts) {
      const reply = await act(who, consultationId, { type: 'lock-goals', goalIds });
      expect(reply.ok).toBe(false);
      expect(reply.error).toMatch(error);
    }
    expect((await goals()).body).toMatchObject({ locked: false, goals: [] });
    expect(facilitator.goalEvents).toBe(0);
  });

  it('locks three goals, one accepted by a recorded override; everyone hears of it', async () => {
    expect(await act(facilitator, consultationId, { type: 'override-smart', goalId: 'goal-vague', reason: 'The measure is agreed at the March steering group' })).toMatchObject({ ok: true });
    expect(await act(facilitator, consultationId, { type: 'lock-goals', goalIds: ['goal-001', 'goal-002', 'goal-vague'] })).toMatchObject({ ok: true });
    await eventually(() => everyone().forEach((p) => expect(p.goalEvents).toBe(1)));
    const { body } = await goals(stakeholders[1]!);
    expect(body.locked).toBe(true);
    expect(body.goals.map((g) => [g.goal.position, g.goal.id])).toEqual([[1, 'goal-001'], [2, 'goal-002'], [3, 'goal-vague']]);
    expect(body.goals[0]!.goal.draft.wording).toBe(`By July: ${smartGoalFields(1).wording} (agreed)`);
    expect(body.goals[2]!.goal.override).toMatchObject({ reason: 'The measure is agreed at the March steering group', by: facilitator.id });
    expect((await act(facilitator, consultationId, { type: 'lock-goals', goalIds: ['goal-001', 'goal-002', 'goal-003'] })).error).toMatch(/already locked/);
  });

  it('collects private baseline ratings, reveals them as a distribution, and records the agreed baseline', async () => {
    const [s1, s2] = stakeholders as [Person, Person];
    await act(s1, consultationId, { type: 'rate-goal-privately', goalId: 'goal-001', rating: 2 });
    const mine = await act(s2, consultationId, { type: 'rate-goal-privately', goalId: 'goal-001', rating: 4 });
    expect(mine.data!.goals).toMatchObject({ myRatings: { 'goal-001': 4 }, raters: { 'goal-001': 2 }, revealedRatings: {} });
    // With two raters each could read the other's rating from the distribution: not yet, and why.
    const early = await act(facilitator, consultationId, { type: 'reveal-goal-ratings', goalId: 'goal-001' });
    expect(early).toMatchObject({ ok: false, error: expect.stringMatching(/Only 2 people have rated this goal yet: the ratings are shown once at least 3 people have/) });
    await act(lead, consultationId, { type: 'rate-goal-privately', goalId: 'goal-001', rating: 6 });
    const revealed = await act(facilitator, consultationId, { type: 'reveal-goal-ratings', goalId: 'goal-001' });
    expect(revealed.data!.goals.revealedRatings['goal-001']).toEqual([0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0]);

    const version = (await goals()).body;
    for (const rating of [11, -1, 2.5, '3']) {
      const reply = await act(facilitator, consultationId, { type: 'record-goal-rating', goalId: 'goal-001', rating });
      expect(reply.ok).toBe(false);
      expect(reply.error).toMatch(/0 to 10/);
    }
    expect((await act(s1, consultationId, { type: 'record-goal-rating', goalId: 'goal-001', rating: 3 })).error).toMatch(/Only a facilitator/);
    expect((await goals()).body).toEqual(version);
    await rateAll(consultationId, [3, 2, 1]);
  });

  it('lets only a facilitator or the lead change a locked goal, recording who, when, before and after, and why', async () => {
    const before = (await goals()).body;
    const draft = { ...before.goals[1]!.goal.draft, wording: 'Every primary school has a named link worker' };
    const byStakeholder = await stakeholders[0]!.api.request('PUT', `/api/sites/${siteId}/goals/goal-002`, { draft, reason: 'I prefer it' });
    expect(byStakeholder.status).toBe(403);
    expect((await outsider.request('PUT', `/api/sites/${siteId}/goals/goal-002`, { draft, reason: 'x' })).status).toBe(403);
    expect((await lead.api.request('PUT', `/api/sites/${siteId}/goals/goal-002`, { draft, reason: '', basedOnRevision: 0 })).status).toBe(400);
    expect((await goals()).body).toEqual(before);

    const byLead = await lead.api.request('PUT', `/api/sites/${siteId}/goals/goal-002`, { draft, reason: 'Primary schools asked to be included', basedOnRevision: 0 });
    expect(byLead.status).toBe(200);
    expect(byLead.body.goals[1].revisions).toEqual([
      expect.objectContaining({ by: lead.id, byName: 'Lee Lead', reason: 'Primary schools asked to be included', before: before.goals[1]!.goal.draft, after: draft, at: expect.any(String) }),
    ]);
    expect((await outsider.get(`/api/sites/${siteId}/goals`)).status).toBe(403);
  });

  it('re-rates the goals at the 3-month and 6-month reviews, keeping each review’s notes and actions', async () => {
    expect((await facilitator.api.post(`/api/meetings/${consultationId}/close`)).status).toBe(200);
    expect((await act(facilitator, consultationId, { type: 'record-goal-rating', goalId: 'goal-001', rating: 9 })).error).toMatch(/closed/);

    const threeMonth = await openMeeting('review-3m', bookingIn(127), consultationId);
    ensureReviewNotes(stakeholders[0]!.board!.doc, 'goal-001');
    await eventually(() => expect(reviewNoteText(stakeholders[1]!.board!.doc, 'goal-001', 'barriers')).not.toBeNull());
    reviewNoteText(stakeholders[1]!.board!.doc, 'goal-001', 'barriers')!.insert(0, 'Staff turnover in two schools');
    reviewNoteText(stakeholders[0]!.board!.doc, 'goal-001', 'progress')!.insert(0, '12 of 22 schools named');
    await eventually(() => expect(reviewNoteText(facilitator.board!.doc, 'goal-001', 'barriers')?.toString()).toBe('Staff turnover in two schools'));
    await rateAll(threeMonth, [5, 3, 2]);
    // Agreed in the meeting, as a meeting action; between meetings an action is posted, and bad input is refused either way.
    const action = await act(stakeholders[0]!, threeMonth, { type: 'record-action', what: 'Share the link worker rota', ownerId: stakeholders[0]!.id, due: dayIn(150), goalId: 'goal-001' });
    expect(action.ok, action.error).toBe(true);
    expect(await act(stakeholders[0]!, threeMonth, { type: 'record-action', what: '', ownerId: stakeholders[0]!.id, due: 'soon', goalId: 'goal-001' })).toEqual({ ok: false, error: 'Enter what will be done' });
    expect((await stakeholders[0]!.api.post(`/api/sites/${siteId}/goals/goal-001/actions`, { what: '', owner: 'x', due: 'soon' })).status).toBe(400);
    expect((await facilitator.api.post(`/api/meetings/${threeMonth}/close`)).status).toBe(200);

    const sixMonth = await openMeeting('review-6m', bookingIn(218), threeMonth);
    await rateAll(sixMonth, [8, 3, 5]);
    expect((await facilitator.api.post(`/api/meetings/${sixMonth}/close`)).status).toBe(200);

    const { body } = await goals(stakeholders[1]!);
    expect(body.meaningfulChange).toBe(3);
    expect(body.goals.map((g) => g.series.map((s) => [s.meetingKind, s.rating]))).toEqual([
      [['consultation', 3], ['review-3m', 5], ['review-6m', 8]],
      [['consultation', 2], ['review-3m', 3], ['review-6m', 3]],
      [['consultation', 1], ['review-3m', 2], ['review-6m', 5]],
    ]);
    expect(body.goals.map((g) => g.progress)).toEqual([
      { baseline: 3, latest: 8, change: 5, meaningful: true },
      { baseline: 2, latest: 3, change: 1, meaningful: false },
      { baseline: 1, latest: 5, change: 4, meaningful: true },
    ]);
    expect(body.goals[0]!.reviews).toEqual([
      expect.objectContaining({ meetingId: threeMonth, progress: '12 of 22 schools named', barriers: 'Staff turnover in two schools', overcome: '' }),
    ]);
    expect(body.goals[0]!.openActions).toEqual([expect.objectContaining({ what: 'Share the link worker rota', owner: stakeholders[0]!.name, ownerId: stakeholders[0]!.id, due: dayIn(150), meetingId: threeMonth })]);

    const done = await lead.api.request('PATCH', `/api/sites/${siteId}/goal-actions/${body.goals[0]!.openActions[0]!.id}`, { done: true });
    expect(done.status).toBe(200);
    expect(done.body.goals[0].openActions).toEqual([]);
    expect((await outsider.request('PATCH', `/api/sites/${siteId}/goal-actions/${body.goals[0]!.openActions[0]!.id}`, { done: false })).status).toBe(403);
  });

  it('exports goals, ratings and actions as CSV to members only', async () => {
    const csv = await stakeholders[0]!.api.get(`/api/sites/${siteId}/goals/export.csv`);
    expect(csv.status).toBe(200);
    const lines = String(csv.body).trim().split('\n');
    expect(lines[0]).toMatch(/^Record,Goal number,Goal,Meeting,Date,Rating/);
    expect(lines.filter((l) => l.startsWith('Rating,'))).toHaveLength(9);
    // Dated by the day the review was held (started), in UK time, not the day it was booked for.
    const heldOn = ukDay((await goals(stakeholders[0]!)).body.goals[0]!.series.at(-1)!.meetingDate);
    expect(heldOn).not.toBe(dayIn(218));
    expect(lines).toContain(`Rating,1,By July: Goal 1: every secondary school has a named CYPMHS link worker (agreed),6-month review meeting,${heldOn},8,5,,,,`);
    expect(lines.filter((l) => l.startsWith('Action,'))).toEqual([expect.stringContaining(`Share the link worker rota,${stakeholders[0]!.name},${dayIn(150)},Yes`)]);
    expect((await outsider.get(`/api/sites/${siteId}/goals/export.csv`)).status).toBe(403);
  });
});
