import type { MeetingKind, MeetingStatus } from '../meetings/meeting';
import type { PublishedCount } from '../survey/count';
import type { SiteTimeline } from '../programme/timeline';

/** Where a site is in its programme year, worked out from its meetings and survey. */
export const siteStages = ['Setting up', 'School survey', 'Consultation scheduled', 'Consultation held', '3-month review held', '6-month review held'] as const;
export type SiteStage = (typeof siteStages)[number];

export interface DashboardRow {
  siteId: string;
  siteName: string;
  stage: SiteStage;
  nextDeadline: SiteTimeline['nextDeadline'];
  /** The latest survey's count against its threshold: a count is all the rules allow below it. */
  survey: (PublishedCount & { threshold: number }) | null;
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
