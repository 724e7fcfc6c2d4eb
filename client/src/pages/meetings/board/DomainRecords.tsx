import { Activity, useState } from 'react';
import { domain as domainOf, type DomainId } from '@shared/cascade/framework';
import { formatDate } from '@shared/format';
import type { MeetingAction, MeetingStateEvent } from '@shared/realtime';
import { useGoals } from '../../../api/goals';
import { useSite } from '../../../api/hooks';
import type { ActionReply } from './ActionButton';
import { allows } from './abilities';
import { RecordActionForm, RecordDecisionForm } from './RecordInMeeting';

interface RecordsProps {
  siteId: string;
  view: MeetingStateEvent;
  act: (a: MeetingAction) => Promise<ActionReply>;
}

/**
 * The records of every domain shown so far in this visit, only the one shown now visible (none on
 * the overview). A half-typed action or decision stays with the domain it was typed under when the
 * board moves on (hidden, and there again on coming back), so it can never be sent as another domain's.
 */
export function DomainRecordsByDomain({ shown, ...props }: RecordsProps & { shown: DomainId | 'overview' }) {
  const [visited, setVisited] = useState<DomainId[]>([]);
  const domains = shown === 'overview' || visited.includes(shown) ? visited : [...visited, shown];
  // Adjusted while drawing rather than in an effect, so the new domain's records show at once.
  if (domains !== visited) setVisited(domains);
  return domains.map((domainId) => (
    <Activity key={domainId} mode={domainId === shown ? 'visible' : 'hidden'}>
      <DomainRecords domainId={domainId} {...props} />
    </Activity>
  ));
}

/**
 * Under the domain on the board: the actions and decisions recorded for it so far (the site's, at
 * this meeting or before), and for those the table allows, a way to record more, tied to the domain.
 */
function DomainRecords({ domainId, siteId, view, act }: RecordsProps & { domainId: DomainId }) {
  const goals = useGoals(siteId).data;
  const members = useSite(siteId).data?.members ?? [];
  const actions = goals?.otherActions.filter((a) => a.domainId === domainId) ?? [];
  const decisions = goals?.otherDecisions.filter((d) => d.domainId === domainId) ?? [];
  const mayAct = allows(view, 'record-action');
  const mayDecide = allows(view, 'record-decision');
  if (!mayAct && !mayDecide && !actions.length && !decisions.length) return null;
  const tie = { goalId: null, domainId };
  const headingId = `domain-${domainId}-records`;
  return (
    <section className="app-domain-records" aria-labelledby={headingId}>
      <h3 className="govuk-heading-s govuk-!-margin-bottom-2" id={headingId}>
        Actions and decisions for {domainOf(domainId).shortTitle.toLowerCase()}
      </h3>
      {/* Until the goal book is read (it is asked for again after a failure), nothing is claimed. */}
      {!goals && <p className="govuk-body-s">Reading what has been recorded…</p>}
      {goals && actions.length === 0 && decisions.length === 0 && <p className="govuk-body-s">None recorded yet.</p>}
      {(actions.length > 0 || decisions.length > 0) && (
        <ul className="govuk-list govuk-list--bullet govuk-!-font-size-16">
          {actions.map((a) => (
            <li key={a.id}>
              {a.what} – {a.owner}, due {formatDate(a.due)}
              {a.done && ' (done)'}
            </li>
          ))}
          {decisions.map((d) => (
            <li key={d.id}>Decided: {d.text}</li>
          ))}
        </ul>
      )}
      {mayAct && <RecordActionForm idPrefix={`domain-${domainId}`} tie={tie} members={members} act={act} />}
      {mayDecide && <RecordDecisionForm idPrefix={`domain-${domainId}`} tie={tie} act={act} />}
    </section>
  );
}
