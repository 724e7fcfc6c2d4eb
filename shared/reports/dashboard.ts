import type { MeetingKind, MeetingStatus } from '../meetings/meeting';

/** Where a site is in its programme year, worked out from its meetings and survey. */
export const siteStages = ['Setting up', 'School survey', 'Consultation scheduled', 'Consultation held', '3-month review held', '6-month review held'] as const;
export type SiteStage = (typeof siteStages)[number];

export interface DashboardRow {
  siteId: string;
  siteName: string;
  stage: SiteStage;
  nextDeadline: { date: string; what: string } | null;
  /** The latest survey's count against its threshold: a count is all the rules allow below it. */
  survey: { completed: number; threshold: number } | null;
  consultationHeld: boolean;
  /** Mean change of the goals' ratings from baseline, over goals rated more than once. */
  goalsMeanChange: number | null;
  /** Mean 1–5 satisfaction from the feedback surveys; null until at least 3 have answered. */
  feedbackSatisfaction: number | null;
}

interface MeetingFacts {
  kind: MeetingKind;
  status: MeetingStatus;
  startsAt: string;
}
interface SurveyFacts {
  closesAt: string;
}

export function siteStage(meetings: readonly MeetingFacts[], surveys: readonly SurveyFacts[]): SiteStage {
  const closed = (kind: MeetingKind) => meetings.some((m) => m.kind === kind && m.status === 'closed');
  if (closed('review-6m')) return '6-month review held';
  if (closed('review-3m')) return '3-month review held';
  if (closed('consultation')) return 'Consultation held';
  if (meetings.some((m) => m.kind === 'consultation')) return 'Consultation scheduled';
  if (surveys.length) return 'School survey';
  return 'Setting up';
}

const kindWhat: Record<MeetingKind, string> = {
  consultation: 'Strategic consultation meeting',
  'tailored-support': 'Tailored support session',
  'review-3m': '3-month review',
  'review-6m': '6-month review',
  'review-extra': 'Review meeting',
};

/** The soonest thing still to come: a scheduled meeting or a survey closing. */
export function nextDeadline(meetings: readonly MeetingFacts[], surveys: readonly SurveyFacts[], now: Date): DashboardRow['nextDeadline'] {
  const upcoming = [
    ...meetings.filter((m) => m.status === 'scheduled').map((m) => ({ date: m.startsAt, what: kindWhat[m.kind] })),
    ...surveys.map((s) => ({ date: s.closesAt, what: 'School survey closes' })),
  ].filter((d) => d.date > now.toISOString());
  return upcoming.sort((a, b) => a.date.localeCompare(b.date))[0] ?? null;
}
