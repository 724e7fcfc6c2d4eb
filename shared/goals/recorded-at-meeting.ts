import { allActions, allDecisions, type GoalsOverview } from './book';
import { tieLabel } from './meeting-records';

/**
 * What one meeting recorded, for its close and its record: the actions agreed there (by due date)
 * and the decisions made (in the order made), each with what it is about.
 */
export function recordedAtMeeting(overview: GoalsOverview, meetingId: string) {
  const goals = overview.goals.map(({ goal }) => goal);
  const actions = allActions(overview)
    .filter((a) => a.meetingId === meetingId)
    .sort((a, b) => a.due.localeCompare(b.due))
    .map((a) => ({ ...a, about: tieLabel(a, goals) }));
  const decisions = allDecisions(overview)
    .filter((d) => d.meetingId === meetingId)
    .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt))
    .map((d) => ({ ...d, about: tieLabel(d, goals) }));
  return { actions, decisions };
}
