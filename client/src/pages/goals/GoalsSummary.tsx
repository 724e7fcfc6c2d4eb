import { Link } from 'react-router';
import { useGoals } from '../../api/goals';

/** "None of the 3 goals has an owner yet." or "1 of the 3 goals has no owner yet." */
function ownerless(unowned: number, of: number): string {
  if (unowned === of) return of === 1 ? 'The goal has no owner yet.' : `None of the ${of} goals has an owner yet.`;
  return `${unowned} of the ${of} goals ${unowned === 1 ? 'has' : 'have'} no owner yet.`;
}

/**
 * The site page's goals once they are agreed: each with its owner, so a goal nobody owns is seen
 * where the lead and facilitator look first. An owner is who is asked to check in every month
 * between meetings; until one is named, nobody is asked.
 */
export function GoalsSummary({ siteId, mayNameOwners }: { siteId: string; mayNameOwners: boolean }) {
  const goals = useGoals(siteId).data?.goals ?? [];
  const unowned = goals.filter((entry) => !entry.owner).length;
  // Not a labelled region: the notice of goals needing attention, at the top of the page, is the "Goals" one.
  return (
    <section className="app-site-goals">
      <h2 className="govuk-heading-m">Goals</h2>
      {goals.length > 0 && (
        <ul className="govuk-list govuk-list--spaced">
          {goals.map(({ goal, owner }) => (
            <li key={goal.id}>
              <Link className="govuk-link" to={`/sites/${siteId}/goals#goal-${goal.id}`}>
                Goal {goal.position}: {goal.draft.wording}
              </Link>
              <div className="govuk-hint govuk-!-margin-bottom-0">{owner ? `Owner: ${owner.name}` : 'No owner named yet'}</div>
            </li>
          ))}
        </ul>
      )}
      {mayNameOwners && unowned > 0 && (
        <div className="govuk-inset-text">
          {ownerless(unowned, goals.length)} Name one for each goal on the goals page: the owner is asked to check in on it every month between meetings.
        </div>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to={`/sites/${siteId}/goals`}>
          Goals and progress
        </Link>
      </p>
    </section>
  );
}
