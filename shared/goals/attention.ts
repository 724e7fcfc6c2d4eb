import { formatDate } from '../format';
import type { GoalProgressEntry } from './book';

/**
 * A goal whose owner's latest check-in asks the lead and facilitators to look: it asks for help,
 * says the goal may not be met, or rates it lower than before. Shown on the site's page, so a
 * call for help between meetings is seen before the next review rather than at it.
 */
export interface GoalNeedingAttention {
  goalId: string;
  position: number;
  /** When the check-in was sent. */
  at: string;
  helpAsked: boolean;
  /** The provisional rating that fell, and the rating before it; null when it did not fall. */
  fell: { from: number; to: number } | null;
  /** Said to be at risk of not being met, or unlikely to be met, by the due date. */
  doubtful: 'at-risk' | 'unlikely' | null;
}

type GoalRecord = Pick<GoalProgressEntry, 'goal' | 'series' | 'checkIns'>;

/**
 * The one rule for "needs attention". Only the goal's newest check-in counts: a later one saying
 * all is well answers an earlier worry, as a meeting that rated the goal since has heard it (the
 * review opens on the check-ins since the last agreed rating). It needs attention when it asks
 * for help (what help is needed, or who could help), says the goal is at risk or unlikely to be
 * met, or gives a provisional rating lower than the rating before it, agreed or provisional.
 */
export function checkInNeedingAttention({ goal, series, checkIns }: GoalRecord): GoalNeedingAttention | null {
  const latest = checkIns.reduce<GoalRecord['checkIns'][number] | null>((newest, c) => (newest === null || c.at > newest.at ? c : newest), null);
  if (!latest || series.some((s) => s.meetingDate > latest.at)) return null;
  const ratingsBefore = [
    ...series.filter((s) => s.meetingDate <= latest.at).map((s) => ({ at: s.meetingDate, rating: s.rating })),
    ...checkIns.filter((c) => c.at < latest.at && c.rating !== null).map((c) => ({ at: c.at, rating: c.rating! })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const before = ratingsBefore.at(-1)?.rating ?? null;
  const fell = latest.rating !== null && before !== null && latest.rating < before ? { from: before, to: latest.rating } : null;
  const helpAsked = Boolean(latest.helpNeeded.trim() || latest.helpFrom.trim());
  const doubtful = latest.confidence === 'likely' ? null : latest.confidence;
  if (!helpAsked && !fell && !doubtful) return null;
  return { goalId: goal.id, position: goal.position, at: latest.at, helpAsked, fell, doubtful };
}

/** Every goal of the site that needs attention, in the goals' order. */
export const goalsNeedingAttention = (goals: readonly GoalRecord[]): GoalNeedingAttention[] =>
  goals.map(checkInNeedingAttention).filter((a): a is GoalNeedingAttention => a !== null);

/** What the notice says: "Goal 2: help asked for in a check-in on 3 December 2026". */
export function attentionSummary(attention: GoalNeedingAttention): string {
  const what = [
    attention.helpAsked ? 'help asked for' : '',
    attention.fell ? `rating down from ${attention.fell.from} to ${attention.fell.to}` : '',
    attention.doubtful === 'at-risk' ? 'said to be at risk' : attention.doubtful === 'unlikely' ? 'said to be unlikely to be met' : '',
  ].filter(Boolean);
  const listed = what.length > 1 ? `${what.slice(0, -1).join(', ')} and ${what.at(-1)}` : what[0];
  return `Goal ${attention.position}: ${listed} in a check-in on ${formatDate(attention.at)}`;
}
