import { cascadeDomains, type DomainId } from '../cascade/framework';
import { allActions, allDecisions, draftOwnerLabel, type GoalsOverview } from '../goals/book';
import { tieLabel } from '../goals/meeting-records';
import { heldAt, isReviewKind, meetingKindLabels, type AttendanceEntry, type MeetingKind } from '../meetings/meeting';
import type { MeetingSnapshot } from '../meetings/snapshot';
import type { RatingDistribution } from '../meetings/ratings';
import { sectorLabels, type Sector } from '../organisations';
import type { SurveyResultsReply } from '../survey/api';

/**
 * What a meeting's report says, built from the frozen record of the meeting and what the site
 * holds. Pure: the web page, the PDF and the tests all read this one structure.
 */
export interface MeetingReport {
  site: { id: string; name: string };
  /** `heldAt`: when it was started (records made before that was kept: when it was booked for). */
  meeting: { id: string; kind: MeetingKind; kindLabel: string; startsAt: string; heldAt: string; closedAt: string };
  attendance: {
    total: number;
    people: AttendanceEntry[];
    byOrganisation: { name: string; count: number }[];
    bySector: { sector: string; label: string; count: number }[];
  };
  domains: {
    id: DomainId;
    title: string;
    preRatings: RatingDistribution;
    agreed: { rating: number; rationale: string } | null;
    /** For a review: the rating agreed at the previous rated meeting (`comparedWith`), and the change since. */
    previousRating: number | null;
    change: number | null;
    /** Notes written at this meeting. */
    strengths: string[];
    challenges: string[];
    /** Notes the board started with, carried over from the meeting it reviews (`carriedFrom`). */
    carriedOver: { strengths: string[]; challenges: string[] };
    /** The themes the group put this domain's notes in, with the notes in each. */
    themes: { name: string; notes: string[] }[];
  }[];
  /** For a review: the meeting its ratings are compared with, and the one its board was carried over from. */
  review: { comparedWith: string | null; carriedFrom: string | null } | null;
  areasOfNeed: { id: DomainId; title: string; votes: number }[];
  goals: {
    position: number;
    wording: string;
    specific: string;
    measure: string;
    target: string;
    owner: string;
    /** The member named as the goal's owner, who checks in between meetings. */
    namedOwner: string | null;
    dueDate: string | null;
    ratings: { label: string; date: string; rating: number }[];
    change: number | null;
    /** What this meeting recorded about the goal, when it is a review. */
    reviewed: { progress: string; barriers: string; overcome: string } | null;
  }[];
  surveys: { title: string; completed: number; completedExact: boolean; threshold: number; factors: { label: string; mean: number }[] | null }[];
  /** Actions agreed for the site; `about`: the goal (“Goal 2”) or domain (“6. Integrated working and access”) it is tied to, if any. */
  actions: { about: string | null; what: string; owner: string; due: string; done: boolean }[];
  /** Decisions recorded for the site, tied to a goal, a domain, or neither (`about`, as for actions). */
  decisions: { about: string | null; text: string; recordedAt: string }[];
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

const byCountThenName = (a: { count: number; name?: string; label?: string }, b: { count: number; name?: string; label?: string }) =>
  b.count - a.count || (a.name ?? a.label ?? '').localeCompare(b.name ?? b.label ?? '');

export function buildMeetingReport(input: {
  site: { id: string; name: string };
  snapshot: MeetingSnapshot;
  /** For a review: the record of the latest meeting before it that rated the domains (its ratings are the comparison). */
  previous: MeetingSnapshot | null;
  /** For a review: the record of the meeting whose board it started from. */
  base: MeetingSnapshot | null;
  goals: GoalsOverview;
  /** Survey results as the anonymity rules answer them: a count only until the threshold. */
  surveys: { title: string; reply: SurveyResultsReply }[];
}): MeetingReport {
  const { snapshot, previous, base, goals } = input;
  const carried = new Set(base?.board.map((n) => n.id) ?? []);
  const { meeting, facilitation } = snapshot;
  const reportDate = heldAt(meeting);
  const agreedAt = (record: MeetingSnapshot | null, id: DomainId) => record?.facilitation.agreed.find((a) => a.domain === id) ?? null;
  const totals = facilitation.voting.totals ?? {};
  const lockedGoals = goals.goals.map((g) => g.goal);

  return {
    site: input.site,
    meeting: { id: meeting.id, kind: meeting.kind, kindLabel: meetingKindLabels[meeting.kind], startsAt: meeting.startsAt, heldAt: reportDate, closedAt: snapshot.closedAt },
    attendance: {
      total: snapshot.attendance.length,
      people: snapshot.attendance,
      byOrganisation: [...countBy(snapshot.attendance, (a) => a.organisation || 'Not given')].map(([name, count]) => ({ name, count })).sort(byCountThenName),
      bySector: [...countBy(snapshot.attendance, (a) => a.sector)].map(([sector, count]) => ({ sector, label: sectorLabels[sector as Sector] ?? 'Not given', count })).sort(byCountThenName),
    },
    domains: cascadeDomains.map((d) => {
      const agreed = agreedAt(snapshot, d.id);
      const before = previous && previous.meeting.id !== meeting.id ? agreedAt(previous, d.id) : null;
      const notes = snapshot.board.filter((n) => n.domain === d.id && n.text.trim());
      const texts = (list: 'strength' | 'challenge', wasCarried: boolean) => notes.filter((n) => n.list === list && carried.has(n.id) === wasCarried).map((n) => n.text);
      return {
        id: d.id,
        title: d.title,
        preRatings: snapshot.preRatingDistributions.find((p) => p.domain === d.id)!.distribution,
        agreed: agreed ? { rating: agreed.rating, rationale: agreed.rationale } : null,
        previousRating: before?.rating ?? null,
        change: agreed && before ? agreed.rating - before.rating : null,
        strengths: texts('strength', false),
        challenges: texts('challenge', false),
        carriedOver: { strengths: texts('strength', true), challenges: texts('challenge', true) },
        themes: snapshot.themes
          .filter((t) => t.domain === d.id)
          .map((t) => ({ name: t.name, notes: notes.filter((n) => n.theme === t.id).map((n) => n.text) }))
          .filter((t) => t.notes.length),
      };
    }),
    review: isReviewKind(meeting.kind)
      ? { comparedWith: previous ? meetingKindLabels[previous.meeting.kind] : null, carriedFrom: base ? meetingKindLabels[base.meeting.kind] : null }
      : null,
    areasOfNeed: facilitation.areasOfNeed.map((id) => ({ id, title: cascadeDomains[id - 1]!.title, votes: (totals as Record<number, number>)[id] ?? 0 })),
    goals: goals.goals.map(({ goal, series, reviews, owner }) => {
      // The report of a meeting shows the ratings up to and including that meeting.
      const ratings = series.filter((s) => s.meetingDate <= reportDate).map((s) => ({ label: meetingKindLabels[s.meetingKind], date: s.meetingDate, rating: s.rating }));
      return {
        position: goal.position,
        wording: goal.draft.wording,
        specific: goal.draft.specific,
        measure: goal.draft.measurable.measure,
        target: goal.draft.measurable.target,
        owner: draftOwnerLabel(goal.draft),
        namedOwner: owner?.name ?? null,
        dueDate: goal.draft.dueDate,
        ratings,
        change: ratings.length >= 2 ? ratings.at(-1)!.rating - ratings[0]!.rating : null,
        reviewed: reviewedAt(reviews, meeting.id),
      };
    }),
    surveys: input.surveys.map(({ title, reply }) => ({
      title,
      completed: reply.completed,
      completedExact: reply.completedExact,
      threshold: reply.threshold,
      factors: reply.answer.kind === 'results' ? reply.answer.results.factors.map((f) => ({ label: f.label, mean: f.mean })) : null,
    })),
    actions: allActions(goals).map((a) => ({
      about: tieLabel(a, lockedGoals),
      what: a.what,
      owner: a.owner,
      due: a.due,
      done: a.done,
    })),
    decisions: allDecisions(goals)
      .map((d) => ({ about: tieLabel(d, lockedGoals), text: d.text, recordedAt: d.recordedAt }))
      .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt)),
  };
}

/**
 * The meeting a review's ratings are compared with: the latest closed meeting before it that
 * rated the domains (a 6-month review compares with the 3-month review, not the consultation).
 */
export function previousRatedMeeting<T extends { id: string; kind: MeetingKind; status: string; startsAt: string }>(meetings: readonly T[], review: { id: string; startsAt: string }): T | null {
  return (
    meetings
      .filter((m) => m.id !== review.id && m.status === 'closed' && (m.kind === 'consultation' || isReviewKind(m.kind)) && m.startsAt < review.startsAt)
      .sort((a, b) => b.startsAt.localeCompare(a.startsAt))[0] ?? null
  );
}

/** What a review recorded about a goal, if it recorded anything. */
function reviewedAt(reviews: readonly { meetingId: string; progress: string; barriers: string; overcome: string }[], meetingId: string) {
  const review = reviews.find((r) => r.meetingId === meetingId);
  if (!review || ![review.progress, review.barriers, review.overcome].some((t) => t.trim())) return null;
  return { progress: review.progress.trim(), barriers: review.barriers.trim(), overcome: review.overcome.trim() };
}
