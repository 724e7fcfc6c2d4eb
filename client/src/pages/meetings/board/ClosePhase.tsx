import type { ReactNode } from 'react';
import { cascadeDomains, ratingLabels } from '@shared/cascade/framework';
import type { MeetingAction, MeetingStateEvent } from '@shared/realtime';
import { formatDate } from '@shared/format';
import { goalStanding, type GoalProgress } from '@shared/goals/gbo';
import { ukDay } from '@shared/dates';
import { domainHistory, type EarlierRatings } from '@shared/meetings/earlier-ratings';
import { useGoals } from '../../../api/goals';
import { useSite } from '../../../api/hooks';
import type { ActionReply } from './ActionButton';
import { allows } from './abilities';
import { RecordActionForm, RecordDecisionForm } from './RecordInMeeting';
import { RecordedAtMeeting } from './RecordedAtMeeting';

/**
 * The close: what the meeting agreed, domain by domain (at a review, beside where the last
 * meeting left it), the goals with where each stands now, and the actions and decisions the
 * meeting recorded; on the board (not the presenter view, which has no `act`), forms to add more.
 * On the presenter view it is all on one shared laptop screen (1280×720) with nobody scrolling:
 * each domain is its rating alone, the scale said once under them (`DomainsAgreed`), the
 * decisions under the ratings and the actions under the goals, two columns of about one height.
 */
export function ClosePhase({ view, siteId, earlier = [], act }: { view: MeetingStateEvent; siteId: string; earlier?: readonly EarlierRatings[]; act?: (a: MeetingAction) => Promise<ActionReply> }) {
  const goals = useGoals(siteId);
  const members = useSite(siteId).data?.members ?? [];
  const tie = { choose: { goals: goals.data?.goals.map(({ goal }) => ({ id: goal.id, position: goal.position, wording: goal.draft.wording })) ?? [] } };
  const shared = !act;
  if (shared) {
    // What the meeting agreed (ratings and decisions) beside what happens next (goals and actions).
    return (
      <section className="app-close" aria-labelledby="close-heading">
        <WhatWeAgreed view={view} earlier={earlier} shared>
          <RecordedAtMeeting overview={goals.data} meetingId={view.meetingId} part="decisions" />
        </WhatWeAgreed>
        <div>
          <GoalsAgreed goals={goals.data?.goals} />
          <RecordedAtMeeting overview={goals.data} meetingId={view.meetingId} part="actions" level={2} />
        </div>
      </section>
    );
  }
  return (
    <section className="app-close" aria-labelledby="close-heading">
      <WhatWeAgreed view={view} earlier={earlier} shared={false} />
      <div>
        <GoalsAgreed goals={goals.data?.goals} />
        <h2 className="govuk-heading-m">Actions and decisions</h2>
        <RecordedAtMeeting overview={goals.data} meetingId={view.meetingId} />
        {allows(view, 'record-action') && <RecordActionForm idPrefix="close" tie={tie} members={members} act={act} />}
        {allows(view, 'record-decision') && <RecordDecisionForm idPrefix="close" tie={tie} act={act} />}
      </div>
    </section>
  );
}

/** The domains' agreed ratings under the close's heading, and (on the shared screen) the decisions under them. */
function WhatWeAgreed({ view, earlier, shared, children }: { view: MeetingStateEvent; earlier: readonly EarlierRatings[]; shared: boolean; children?: ReactNode }) {
  return (
    <div>
      <h2 className="govuk-heading-m" id="close-heading">
        What we agreed
      </h2>
      <DomainsAgreed view={view} earlier={earlier} shared={shared} />
      {children}
    </div>
  );
}

/**
 * The seven domains' agreed ratings. `shared` (the presenter view): the number alone, the scale
 * said once below, so each domain takes one line of the shared screen and not three (two at a
 * review, where the rating the last meeting agreed is beside it).
 */
function DomainsAgreed({ view, earlier, shared }: { view: MeetingStateEvent; earlier: readonly EarlierRatings[]; shared: boolean }) {
  return (
    <>
      <dl className={`govuk-summary-list${shared ? ` app-close__ratings${earlier.length ? ' app-close__ratings--compared' : ''}` : ''}`}>
        {cascadeDomains.map((d) => {
          const agreed = view.agreed.find((a) => a.domain === d.id);
          const last = domainHistory(earlier, d.id).at(-1);
          return (
            <div className="govuk-summary-list__row" key={d.id}>
              <dt className="govuk-summary-list__key">
                {d.id}. {d.shortTitle}
                {view.areasOfNeed.includes(d.id) && <strong className="govuk-tag govuk-tag--orange">Area of greatest need</strong>}
              </dt>
              <dd className="govuk-summary-list__value">
                {!agreed ? 'No agreed rating' : shared ? <strong>{agreed.rating}</strong> : `${agreed.rating} – ${ratingLabels[agreed.rating]}`}
                {last && <span className="govuk-hint govuk-!-display-block govuk-!-margin-bottom-0">{`was ${last.rating} at ${last.at}`}</span>}
              </dd>
            </div>
          );
        })}
      </dl>
      {shared && <p className="govuk-hint">Rated 1 (far from the gold standard) to 5 (met).</p>}
    </>
  );
}

/** The three goals, each with where it stands on the Goal Based Outcomes scale (or that it has no rating yet). */
export function GoalsAgreed({ goals }: { goals: { goal: { id: string; position: number; draft: { wording: string; dueDate: string | null } }; progress: GoalProgress; series: unknown[] }[] | undefined }) {
  // Not read yet (or asked for again after a failure): nothing is claimed about the goals.
  if (!goals) return <p className="govuk-body">Reading the goals…</p>;
  if (!goals.length) return <p className="govuk-body">No goals have been locked yet.</p>;
  const today = ukDay(new Date());
  return (
    <>
      <h2 className="govuk-heading-m">Our three goals</h2>
      <ol className="app-agreed-goals">
        {goals.map(({ goal, progress, series }) => (
          <li key={goal.id}>
            <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{goal.draft.wording}</p>
            <p className="govuk-body govuk-!-margin-bottom-0">
              {goalStanding(progress, series.length)}
              {goal.draft.dueDate && ` · ${goal.draft.dueDate < today ? 'was due' : 'due'} ${formatDate(goal.draft.dueDate)}`}
            </p>
          </li>
        ))}
      </ol>
    </>
  );
}
