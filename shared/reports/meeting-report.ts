import { cascadeDomains, type DomainId } from '../cascade/framework';
import type { GoalsOverview } from '../goals/book';
import { meetingKindLabels, type AttendanceEntry, type MeetingKind } from '../meetings/meeting';
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
  meeting: { id: string; kind: MeetingKind; kindLabel: string; startsAt: string; closedAt: string };
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
    /** For a review: the rating agreed at the consultation, and the change since. */
    consultationRating: number | null;
    change: number | null;
    strengths: string[];
    challenges: string[];
  }[];
  areasOfNeed: { id: DomainId; title: string; votes: number }[];
  goals: {
    position: number;
    wording: string;
    specific: string;
    measure: string;
    target: string;
    owner: string;
    dueDate: string | null;
    ratings: { label: string; date: string; rating: number }[];
    change: number | null;
  }[];
  surveys: { title: string; completed: number; threshold: number; factors: { label: string; mean: number }[] | null }[];
  actions: { goal: number; what: string; owner: string; due: string; done: boolean }[];
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
  /** The consultation's record, when this meeting reviews it. */
  consultation: MeetingSnapshot | null;
  goals: GoalsOverview;
  /** Survey results as the anonymity rules answer them: a count only until the threshold. */
  surveys: { title: string; reply: SurveyResultsReply }[];
}): MeetingReport {
  const { snapshot, consultation, goals } = input;
  const { meeting, facilitation } = snapshot;
  const reportDate = meeting.startsAt;
  const agreedAt = (record: MeetingSnapshot | null, id: DomainId) => record?.facilitation.agreed.find((a) => a.domain === id) ?? null;
  const totals = facilitation.voting.totals ?? {};

  return {
    site: input.site,
    meeting: { id: meeting.id, kind: meeting.kind, kindLabel: meetingKindLabels[meeting.kind], startsAt: meeting.startsAt, closedAt: snapshot.closedAt },
    attendance: {
      total: snapshot.attendance.length,
      people: snapshot.attendance,
      byOrganisation: [...countBy(snapshot.attendance, (a) => a.organisation || 'Not given')].map(([name, count]) => ({ name, count })).sort(byCountThenName),
      bySector: [...countBy(snapshot.attendance, (a) => a.sector)].map(([sector, count]) => ({ sector, label: sectorLabels[sector as Sector] ?? 'Not given', count })).sort(byCountThenName),
    },
    domains: cascadeDomains.map((d) => {
      const agreed = agreedAt(snapshot, d.id);
      const base = consultation && consultation.meeting.id !== meeting.id ? agreedAt(consultation, d.id) : null;
      const notes = snapshot.board.filter((n) => n.domain === d.id && n.text.trim());
      return {
        id: d.id,
        title: d.title,
        preRatings: snapshot.preRatingDistributions.find((p) => p.domain === d.id)!.distribution,
        agreed: agreed ? { rating: agreed.rating, rationale: agreed.rationale } : null,
        consultationRating: base?.rating ?? null,
        change: agreed && base ? agreed.rating - base.rating : null,
        strengths: notes.filter((n) => n.list === 'strength').map((n) => n.text),
        challenges: notes.filter((n) => n.list === 'challenge').map((n) => n.text),
      };
    }),
    areasOfNeed: facilitation.areasOfNeed.map((id) => ({ id, title: cascadeDomains[id - 1]!.title, votes: (totals as Record<number, number>)[id] ?? 0 })),
    goals: goals.goals.map(({ goal, series }) => {
      // The report of a meeting shows the ratings up to and including that meeting.
      const ratings = series.filter((s) => s.meetingDate <= reportDate).map((s) => ({ label: meetingKindLabels[s.meetingKind], date: s.meetingDate, rating: s.rating }));
      return {
        position: goal.position,
        wording: goal.draft.wording,
        specific: goal.draft.specific,
        measure: goal.draft.measurable.measure,
        target: goal.draft.measurable.target,
        owner: [goal.draft.achievable.ownerName, goal.draft.achievable.ownerOrganisation].filter((p) => p.trim()).join(', '),
        dueDate: goal.draft.dueDate,
        ratings,
        change: ratings.length >= 2 ? ratings.at(-1)!.rating - ratings[0]!.rating : null,
      };
    }),
    surveys: input.surveys.map(({ title, reply }) => ({
      title,
      completed: reply.completed,
      threshold: reply.threshold,
      factors: reply.answer.kind === 'results' ? reply.answer.results.factors.map((f) => ({ label: f.label, mean: f.mean })) : null,
    })),
    actions: goals.goals.flatMap(({ goal, openActions, doneActions }) =>
      [...openActions, ...doneActions].map((a) => ({ goal: goal.position, what: a.what, owner: a.owner, due: a.due, done: a.done })),
    ),
  };
}
