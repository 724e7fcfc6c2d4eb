import type { DomainId } from '@shared/cascade/framework';
import { addGoalDraft, ensureReviewNotes, goalDraftText, reviewNoteText, setGoalDraftField, type GoalTextField, type ReviewTextField } from '@shared/goals/drafts';
import { meetingGoalsDocName } from '@shared/meetings/meeting';
import { collabClient, eventually, whenSynced } from './collab';
import { ApiClient } from './http';
import { inviteAndAccept } from './outbox';
import { connectedSocket, request, type ClientSocket } from './realtime';
import { bookingIn, dayIn } from './dates';

interface Person {
  api: ApiClient;
  id: string;
  name: string;
  socket: ClientSocket;
}

export const stakeholderProfiles = [
  { name: 'Priya CYPMHS', organisation: 'North CYPMHS', sector: 'cypmhs' },
  { name: 'Tom School', organisation: 'Hill Academy', sector: 'education' },
  { name: 'Ada Council', organisation: 'Borough Council', sector: 'local-authority' },
] as const;

/** What the scripted year decides, so tests can compare a report with it. */
export const script = {
  consultationAgreed: [2, 3, 1, 4, 2, 3, 2] as const,
  reviewAgreed: [3, 3, 2, 4, 3, 4, 2] as const,
  preRating: (person: number, domain: number) => ((person + domain) % 5) + 1,
  ballots: [[6, 2], [6, 1], [2, 6]] as DomainId[][],
  areasOfNeed: [6, 2] as DomainId[],
  goals: ['Every secondary school has a named link worker', 'Termly joint training for school and CYPMHS staff', 'One referral form used by every school'],
  baselines: [2, 3, 1],
  reviewRatings: [5, 3, 4],
  /** The theme the challenge in domain 6 is grouped in. */
  theme: 'Access to services',
  /** What the 3-month review records about goal 1. */
  reviewNotes: { progress: 'Link workers named in 9 of 12 schools', barriers: 'Two academies have no CYPMHS contact yet', overcome: 'Trust leads to name contacts by May' },
};

const smartFields = (n: number): Record<GoalTextField, string> => ({
  wording: script.goals[n]!,
  specific: 'Schools, colleges and the CYPMHS team',
  measure: 'Count recorded by the steering group',
  target: `${20 + n} of 22 schools`,
  ownerOrganisation: 'North CYPMHS',
  ownerName: 'Priya CYPMHS',
  resources: 'Existing staff time',
});

export async function act(socket: ClientSocket, meetingId: string, action: unknown) {
  const reply = await request(socket, 'meeting:action', { meetingId, action });
  if (!reply.ok) throw new Error(`${JSON.stringify(action)}: ${reply.error}`);
  return reply.data;
}

/** The people of a site, signed in over the API and socket.io, who hold its meetings between them. */
export interface MeetingCrew {
  server: { url: string; wsUrl: string };
  siteId: string;
  facilitatorApi: ApiClient;
  stakeholderApis: ApiClient[];
  facilitator: Person;
  stakeholders: Person[];
}

/** Connects the site's facilitator and stakeholders (already members) to socket.io. */
export async function meetingCrew(server: { url: string; wsUrl: string }, siteId: string, facilitatorApi: ApiClient, stakeholderApis: ApiClient[]): Promise<MeetingCrew> {
  const person = async (api: ApiClient): Promise<Person> => {
    const me = (await api.get('/api/me')).body;
    return { api, id: me.id, name: me.name, socket: await connectedSocket(server.url, api.cookie) };
  };
  return { server, siteId, facilitatorApi, stakeholderApis, facilitator: await person(facilitatorApi), stakeholders: await Promise.all(stakeholderApis.map(person)) };
}

export const disconnectCrew = (crew: MeetingCrew) => [crew.facilitator, ...crew.stakeholders].forEach((p) => p.socket.close());

async function startMeeting(crew: MeetingCrew, meetingId: string) {
  const started = await crew.facilitatorApi.post(`/api/meetings/${meetingId}/start`);
  if (started.status !== 200) throw new Error(`starting ${meetingId}: ${JSON.stringify(started.body)}`);
  for (const p of [crew.facilitator, ...crew.stakeholders]) await request(p.socket, 'meeting:join', { meetingId });
}

async function closeMeeting(crew: MeetingCrew, meetingId: string) {
  const closed = await crew.facilitatorApi.post(`/api/meetings/${meetingId}/close`);
  if (closed.status !== 200) throw new Error(`closing ${meetingId}: ${JSON.stringify(closed.body)}`);
}

/** Everyone in the crew rates the seven domains privately before the meeting, as scripted. */
export async function preRate(crew: MeetingCrew, meetingId: string) {
  for (const [i, s] of crew.stakeholders.entries()) {
    for (let domain = 1; domain <= 7; domain++) await s.api.request('PUT', `/api/meetings/${meetingId}/pre-ratings/${domain}`, { rating: script.preRating(i, domain) });
  }
}

/** In the domain review: a strength and a challenge from the first stakeholder, and the challenge grouped in a theme. */
export async function addScriptedNotes(crew: MeetingCrew, meetingId: string) {
  const author = crew.stakeholders[0]!;
  for (const note of [
    { noteId: 'strength-d2', domain: 2, list: 'strength', text: 'Named link worker in half the schools' },
    { noteId: 'challenge-d6', domain: 6, list: 'challenge', text: 'Waiting times for first appointments' },
  ]) {
    const added = await request(author.socket, 'meeting:action', { meetingId, action: { type: 'add-note', ...note } });
    if (!added.ok) throw new Error(added.error);
  }
  await act(author.socket, meetingId, { type: 'group-note', noteId: 'challenge-d6', themeId: 'theme-access', themeName: script.theme });
}

/** The first stakeholder drafts the three scripted goals on the meeting's goals board, every SMART field written; resolves once stored. */
export async function draftScriptedGoals(crew: MeetingCrew, meetingId: string, goalsDueBy: string) {
  const { server, siteId, stakeholders, stakeholderApis } = crew;
  const board = collabClient(server.wsUrl, meetingGoalsDocName(siteId, meetingId), stakeholderApis[0]!.cookie);
  await whenSynced(board);
  for (let n = 0; n < 3; n++) {
    const id = `goal-00${n}`;
    addGoalDraft(board.doc, id, stakeholders[0]!);
    for (const [field, text] of Object.entries(smartFields(n))) goalDraftText(board.doc, id, field as GoalTextField)!.insert(0, text);
    setGoalDraftField(board.doc, id, 'relevantDomains', [6]);
    setGoalDraftField(board.doc, id, 'dueDate', goalsDueBy);
  }
  await eventually(async () => {
    const fresh = collabClient(server.wsUrl, meetingGoalsDocName(siteId, meetingId), stakeholderApis[1]!.cookie);
    await whenSynced(fresh);
    const goals = fresh.doc.getMap('goals').size;
    fresh.destroy();
    if (goals !== 3) throw new Error('goal drafts not stored yet');
  });
  board.destroy();
}

/** The facilitator reveals each domain's pre-meeting ratings and records the agreed rating given (domains without one are skipped). */
export async function agreeDomains(crew: MeetingCrew, meetingId: string, ratings: readonly (number | null)[], why: string) {
  for (let domain = 1; domain <= 7; domain++) {
    const rating = ratings[domain - 1];
    if (rating === null || rating === undefined) continue;
    await act(crew.facilitator.socket, meetingId, { type: 'reveal-ratings', domain });
    await act(crew.facilitator.socket, meetingId, { type: 'record-agreed-rating', domain, rating, rationale: `${why} of domain ${domain}` });
  }
}

/** The areas of greatest need: a vote with two votes each, revealed and settled as scripted. */
export async function settleAreasOfNeed(crew: MeetingCrew, meetingId: string) {
  const { facilitator, stakeholders } = crew;
  await act(facilitator.socket, meetingId, { type: 'set-phase', phase: 'areas-of-need' });
  await act(facilitator.socket, meetingId, { type: 'open-voting', budget: 2 });
  for (const [i, s] of stakeholders.entries()) await act(s.socket, meetingId, { type: 'cast-votes', domains: script.ballots[i] });
  await act(facilitator.socket, meetingId, { type: 'reveal-votes' });
  await act(facilitator.socket, meetingId, { type: 'settle-areas-of-need', domains: script.areasOfNeed });
}

/** In the goals phase: the three drafted goals locked, each with its agreed baseline (or the ratings given). */
export async function lockScriptedGoals(crew: MeetingCrew, meetingId: string, baselines: readonly number[] = script.baselines) {
  const { facilitator } = crew;
  await act(facilitator.socket, meetingId, { type: 'set-phase', phase: 'goals' });
  await act(facilitator.socket, meetingId, { type: 'lock-goals', goalIds: ['goal-000', 'goal-001', 'goal-002'] });
  for (let n = 0; n < 3; n++) await act(facilitator.socket, meetingId, { type: 'record-goal-rating', goalId: `goal-00${n}`, rating: baselines[n] });
}

/**
 * Holds a scheduled consultation through the real API, socket.io and Yjs: pre-meeting ratings,
 * notes, agreed ratings, votes and three locked goals with baselines; then closes it.
 */
export async function holdConsultation(crew: MeetingCrew, consultationId: string, goalsDueBy = dayIn(200)) {
  await preRate(crew, consultationId);
  await startMeeting(crew, consultationId);
  await act(crew.facilitator.socket, consultationId, { type: 'set-phase', phase: 'domain-review' });
  await addScriptedNotes(crew, consultationId);
  await draftScriptedGoals(crew, consultationId, goalsDueBy);
  await agreeDomains(crew, consultationId, script.consultationAgreed, 'Consultation view');
  await settleAreasOfNeed(crew, consultationId);
  await lockScriptedGoals(crew, consultationId);
  await closeMeeting(crew, consultationId);
}

/**
 * Holds a scheduled review: agreed ratings of the seven domains and the three goals, an action on goal 1 and
 * the review's notes on goal 1; then closes it.
 */
export async function holdReview(crew: MeetingCrew, reviewId: string) {
  const { server, siteId, facilitator, stakeholderApis } = crew;
  await startMeeting(crew, reviewId);
  await act(facilitator.socket, reviewId, { type: 'set-phase', phase: 'domain-review' });
  for (let domain = 1; domain <= 7; domain++) {
    await act(facilitator.socket, reviewId, { type: 'record-agreed-rating', domain, rating: script.reviewAgreed[domain - 1], rationale: `Review view of domain ${domain}` });
  }
  await act(facilitator.socket, reviewId, { type: 'set-phase', phase: 'goals' });
  for (let n = 0; n < 3; n++) await act(facilitator.socket, reviewId, { type: 'record-goal-rating', goalId: `goal-00${n}`, rating: script.reviewRatings[n] });
  // Agreed in the meeting, through its socket like every meeting action; owned by the first stakeholder (Priya CYPMHS).
  const [priya] = crew.stakeholders;
  await act(priya!.socket, reviewId, { type: 'record-action', what: 'Publish the link worker list', ownerId: priya!.id, due: dayIn(150), goalId: 'goal-000' });
  const reviewBoard = collabClient(server.wsUrl, meetingGoalsDocName(siteId, reviewId), stakeholderApis[0]!.cookie);
  await whenSynced(reviewBoard);
  ensureReviewNotes(reviewBoard.doc, 'goal-000');
  for (const [field, text] of Object.entries(script.reviewNotes)) reviewNoteText(reviewBoard.doc, 'goal-000', field as ReviewTextField)!.insert(0, text);
  await eventually(async () => {
    const fresh = collabClient(server.wsUrl, meetingGoalsDocName(siteId, reviewId), stakeholderApis[1]!.cookie);
    await whenSynced(fresh);
    const stored = reviewNoteText(fresh.doc, 'goal-000', 'overcome')?.toString();
    fresh.destroy();
    if (stored !== script.reviewNotes.overcome) throw new Error('review notes not stored yet');
  });
  reviewBoard.destroy();
  await closeMeeting(crew, reviewId);
}

/**
 * A site's year up to the 3-month review, driven through the real API, socket.io and Yjs: a
 * consultation with pre-meeting ratings, notes, agreed ratings, votes and three locked goals with
 * baselines, then a closed 3-month review that re-rates domains and goals.
 */
export async function runConsultationAndReview(server: { url: string; wsUrl: string; dataDir: string }, facilitatorApi: ApiClient, siteName: string) {
  const siteId = (await facilitatorApi.post('/api/sites', { name: siteName })).body.id as string;
  const lead = await inviteAndAccept(server, facilitatorApi, siteId, `lead@${siteId}.example`, { role: 'lead', name: 'Lee Lead', organisation: 'Borough Council', sector: 'local-authority' });
  const stakeholderApis = await Promise.all(
    stakeholderProfiles.map((p, i) => inviteAndAccept(server, facilitatorApi, siteId, `s${i}@${siteId}.example`, { name: p.name, organisation: p.organisation, sector: p.sector })),
  );
  const crew = await meetingCrew(server, siteId, facilitatorApi, stakeholderApis);
  const openMeeting = async (kind: string, startsAt: string, baseMeetingId?: string) => {
    const created = await facilitatorApi.post(`/api/sites/${siteId}/meetings`, { kind, startsAt, durationMinutes: 120, attendeeIds: crew.stakeholders.map((s) => s.id), baseMeetingId });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    return created.body.id as string;
  };
  const consultationId = await openMeeting('consultation', bookingIn(37));
  await holdConsultation(crew, consultationId);
  const reviewId = await openMeeting('review-3m', bookingIn(127), consultationId);
  await holdReview(crew, reviewId);
  disconnectCrew(crew);
  return { siteId, consultationId, reviewId, reviewStartsAt: new Date(bookingIn(127)).toISOString(), actionDue: dayIn(150), lead, stakeholderApis, facilitatorId: crew.facilitator.id };
}
