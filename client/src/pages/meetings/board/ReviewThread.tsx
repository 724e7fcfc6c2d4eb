import type { GoalThread } from '@shared/goals/thread';
import { formatDate } from '@shared/format';
import { CheckInItem } from '../../goals/GoalThread';

/**
 * What a review opens on for one goal, before anyone re-rates it: the last agreed rating, the
 * check-ins since, the actions open and done, and the blockers raised. Then the private rating
 * and the agreement below it, as at every meeting.
 */
export function ReviewThread({ thread }: { thread: GoalThread | undefined }) {
  if (!thread) return null;
  const { lastAgreed, checkInsSince, openActions, doneActions, blockers } = thread;
  return (
    <section className="app-review-thread govuk-!-margin-bottom-4" aria-label="Since the goal was last rated">
      <h4 className="govuk-heading-s govuk-!-margin-bottom-1">Since the goal was last rated</h4>
      <p className="govuk-body-s govuk-!-margin-bottom-1">
        {lastAgreed ? `Last agreed rating: ${lastAgreed.rating} out of 10 (${formatDate(lastAgreed.meetingDate)}).` : 'No agreed rating yet.'}{' '}
        {checkInsSince.length === 0 ? 'No check-ins since.' : `${checkInsSince.length} check-in${checkInsSince.length === 1 ? '' : 's'} since.`} Actions: {openActions.length} open, {doneActions.length} done.
      </p>
      {blockers.length > 0 && (
        <div className="govuk-warning-text govuk-!-margin-bottom-2">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            Blockers raised: {blockers.map((b) => `${b.inTheWay}${b.helpNeeded ? ` (help needed: ${b.helpNeeded}${b.helpFrom ? `, from ${b.helpFrom}` : ''})` : ''}`).join('; ')}
          </strong>
        </div>
      )}
      {checkInsSince.length > 0 && (
        <details className="govuk-details govuk-!-margin-bottom-2" open>
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Check-ins since ({checkInsSince.length})</span>
          </summary>
          <div className="govuk-details__text">
            <ul className="govuk-list">
              {[...checkInsSince].reverse().map((c) => (
                <CheckInItem key={c.id} checkIn={c} />
              ))}
            </ul>
          </div>
        </details>
      )}
      {doneActions.length > 0 && (
        <p className="govuk-body-s">Done since: {doneActions.map((a) => `${a.what} (${a.owner})`).join('; ')}</p>
      )}
    </section>
  );
}
