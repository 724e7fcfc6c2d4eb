import type { MeetingAction, MeetingStateEvent } from '@shared/realtime';
import { useGoals } from '../../../api/goals';
import type { ActionReply } from './ActionButton';
import { allows } from './abilities';

/** "Bring everyone to" one goal: the room's screens follow it, as they follow a domain in the domain review. */
export function GoalFocusControl({ siteId, view, act }: { siteId: string; view: MeetingStateEvent; act: (action: MeetingAction) => Promise<ActionReply> }) {
  const goals = useGoals(siteId).data;
  if (!allows(view, 'focus-goal') || !goals?.locked) return null;
  return (
    <div className="govuk-form-group">
      <label className="govuk-label govuk-label--s" htmlFor="focus-goal">
        Bring everyone to
      </label>
      <select className="govuk-select" id="focus-goal" value={view.goals.focus ?? ''} onChange={(e) => void act({ type: 'focus-goal', goalId: e.target.value || null })}>
        <option value="">All three goals</option>
        {goals.goals.map(({ goal }) => (
          <option key={goal.id} value={goal.id}>
            Goal {goal.position}
          </option>
        ))}
      </select>
    </div>
  );
}
