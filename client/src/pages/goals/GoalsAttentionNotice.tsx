import { Link } from 'react-router';
import { attentionSummary, goalsNeedingAttention } from '@shared/goals/attention';
import { useGoals } from '../../api/goals';
import { NotificationBanner } from '../../components/NotificationBanner';

/**
 * On the site's page: the goals whose owner's latest check-in asks for help, says the goal may
 * not be met or rates it lower (the rule is `checkInNeedingAttention`), each linked to the goal's
 * thread. Only for people the server lets read the site's goals; nothing while they load.
 */
export function GoalsAttentionNotice({ siteId }: { siteId: string }) {
  const goals = useGoals(siteId);
  const needing = goals.data ? goalsNeedingAttention(goals.data.goals) : [];
  if (!needing.length) return null;
  return (
    <NotificationBanner id="goals-attention-title" title="Goals" role="region">
      <p className="govuk-notification-banner__heading">{needing.length === 1 ? 'A check-in on a goal may need your attention' : 'Check-ins on goals may need your attention'}</p>
      <ul className="govuk-list">
        {needing.map((attention) => (
          <li key={attention.goalId}>
            <Link className="govuk-notification-banner__link" to={`/sites/${siteId}/goals#goal-${attention.goalId}`}>
              {attentionSummary(attention)}
            </Link>
          </li>
        ))}
      </ul>
    </NotificationBanner>
  );
}
