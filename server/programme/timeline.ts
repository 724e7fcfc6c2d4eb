import { sessionActions } from '@shared/goals/session-actions';
import type { z } from 'zod';
import { EvaluationBook } from '@shared/evaluation/questions';
import { emptyGoalBook, GoalBook } from '@shared/goals/book';
import { outstandingAsk, reviewDaysOf } from '@shared/goals/check-in-reminders';
import { tieLabel } from '@shared/goals/meeting-records';
import { ukDay } from '@shared/dates';
import { provisionalPlan, StoredProgrammePlan, type ProgrammePlan } from '@shared/programme/plan';
import { runningSurvey, StoredSchoolSurveyChoice, type SchoolSurveyChoice } from '@shared/programme/school-survey';
import { siteTimeline, type SiteTimeline } from '@shared/programme/timeline';
import type { TimelineMeeting } from '@shared/programme/timeline-facts';
import type { SiteRole } from '@shared/roles';
import { ratedAllDomains } from '@shared/meetings/ratings';
import { isReviewKind } from '@shared/meetings/meeting';
import { emptyEvaluation } from '../evaluation/service';
import { HttpError } from '../http/errors';
import type { Store } from '../store';
import type { SiteRecord } from '../store/store';
import { readVersioned, updateVersioned } from '../store/versioned';
import { readEventBook } from './event-book';

type StoredPlan = z.infer<typeof StoredProgrammePlan>;

/** A site's programme dates as set by its facilitator; until then (version 0), provisional ones. */
const initialPlan = (site: SiteRecord) => (): StoredPlan => ({ version: 0, ...provisionalPlan(site) });

/** The site's timeline and to-dos as one person sees them, from what the store says has happened. */
export async function timelineFor(store: Store, site: SiteRecord, viewer: { userId: string; role: SiteRole }, now = new Date()): Promise<SiteTimeline> {
  const [{ version, ...plan }, meetings, campaigns, evaluation, goalBook, surveyChoice] = await Promise.all([
    readVersioned(store, 'programme-plan', site.id, initialPlan(site), StoredProgrammePlan),
    store.listSiteMeetings(site.id),
    store.listSiteCampaigns(site.id),
    readVersioned(store, 'evaluation', site.id, emptyEvaluation, EvaluationBook),
    readVersioned(store, 'goal-book', site.id, emptyGoalBook, GoalBook),
    readVersioned(store, 'school-survey-choice', site.id, runningSurvey, StoredSchoolSurveyChoice),
  ]);
  const mine = evaluation.responses.filter((r) => r.userId === viewer.userId);
  const timelineMeetings: TimelineMeeting[] = await Promise.all(
    meetings.map(async (meeting) => {
      const book = await readEventBook(store, meeting);
      const takesPart = meeting.attendeeIds.includes(viewer.userId) || isReviewKind(meeting.kind);
      return {
        id: meeting.id,
        kind: meeting.kind,
        status: meeting.status,
        startsAt: meeting.startsAt,
        title: book.session?.title ?? null,
        selfPaced: book.session?.format === 'online-module',
        registrationClosesAt: book.closesAt,
        confirmed: book.confirmation !== null,
        invitationsSent: book.invitationsSentAt !== null,
        joiningGiven: book.joining !== null,
        actionsRecorded: sessionActions(goalBook, book.actions, meeting.id).length,
        registered: book.registrations.some((r) => r.userId === viewer.userId),
        feedbackGiven: mine.some((r) => r.kind === 'feedback' && r.meetingId === meeting.id),
        takesPart,
        // Read only where the to-do can arise: a meeting to come that the viewer takes part in.
        preRated: takesPart && meeting.status === 'scheduled' && ratedAllDomains(await store.listPreRatings(meeting.id)).includes(viewer.userId),
      };
    }),
  );
  return siteTimeline({
    plan,
    planSet: version > 0,
    now,
    viewerRole: viewer.role,
    surveyOpened: campaigns.length > 0,
    surveyNotRunning: !surveyChoice.running,
    // A cancelled event is as if it had never been scheduled: its duties go, and its kind can be booked again.
    meetings: timelineMeetings.filter((m) => m.status !== 'cancelled'),
    baselineDone: mine.some((r) => r.kind === 'baseline'),
    followUpDone: mine.some((r) => r.kind === 'follow-up'),
    ownedActions: goalBook.actions
      .filter((a) => a.ownerId === viewer.userId)
      .map((a) => ({ id: a.id, what: a.what, due: a.due, done: a.done, goalId: a.goalId, about: tieLabel(a, goalBook.goals) })),
    checkInsAsked: checkInsAsked(goalBook, viewer.userId, reviewDaysOf(plan, meetings), now),
  });
}

/** The goals this person owns whose latest monthly ask they have not answered with a check-in. */
function checkInsAsked(book: GoalBook, userId: string, reviewDays: string[], now: Date) {
  if (!book.lock) return [];
  const lockedOn = ukDay(book.lock.at);
  return book.goals
    .filter((g) => g.ownerId === userId)
    .flatMap((g) => {
      const askedOn = outstandingAsk(lockedOn, reviewDays, book.checkIns.filter((c) => c.goalId === g.id).map((c) => c.at), now);
      return askedOn ? [{ goalId: g.id, goalPosition: g.position, askedOn }] : [];
    });
}

/** The site, or a 404. */
export async function existingSite(store: Store, siteId: string): Promise<SiteRecord> {
  const site = await store.getSite(siteId);
  if (!site) throw new HttpError(404, 'There is no such site');
  return site;
}

/** The site's programme dates: as set by its facilitator, or provisional ones until then. */
export async function programmePlanOf(store: Store, siteId: string): Promise<ProgrammePlan> {
  return readPlan(store, await existingSite(store, siteId));
}

/** The programme dates of a site already in hand. */
export async function readPlan(store: Store, site: SiteRecord): Promise<ProgrammePlan> {
  const { version: _version, ...plan } = await readVersioned(store, 'programme-plan', site.id, initialPlan(site), StoredProgrammePlan);
  return plan;
}

/** Replaces the site's programme dates (by compare-and-set). */
export async function setProgrammePlan(store: Store, site: SiteRecord, plan: ProgrammePlan): Promise<void> {
  await updateVersioned(store, 'programme-plan', site.id, initialPlan(site), (current) => ({ ok: true, value: { ...plan, version: current.version + 1 } }), StoredProgrammePlan);
}

/** Records whether the site runs the school and FE college survey; changing it back is the same call. */
export async function setSchoolSurveyChoice(store: Store, siteId: string, choice: SchoolSurveyChoice): Promise<void> {
  await updateVersioned(store, 'school-survey-choice', siteId, runningSurvey, (current) => ({ ok: true, value: { version: current.version + 1, running: choice.running } }), StoredSchoolSurveyChoice);
}
