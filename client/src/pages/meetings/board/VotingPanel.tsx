import { useState } from 'react';
import { cascadeDomains, ratingLabels, type DomainId } from '@shared/cascade/framework';
import type { FacilitationView } from '@shared/meetings/facilitation';
import type { MeetingAction } from '@shared/realtime';
import { ActionButton, type ActionReply } from './ActionButton';
import { allows } from './abilities';

/**
 * Dot voting on the areas of greatest need, beside each domain's agreed rating: votes are sent,
 * and seen, only as the rules allow; once mine are in, it says so.
 */
export function VotingPanel({ view, act }: { view: FacilitationView; act: (a: MeetingAction) => Promise<ActionReply> }) {
  const { voting } = view;
  const [ballot, setBallot] = useState<DomainId[]>(voting.myVotes);
  // Every state the server sends carries my votes as a new list: the ballot being filled in is
  // set back only when what the server holds for me changes (sent, or the voting restarted),
  // not when someone else votes.
  const held = voting.myVotes.join();
  const [heldBefore, setHeldBefore] = useState(held);
  if (held !== heldBefore) {
    setHeldBefore(held);
    setBallot(voting.myVotes);
  }
  const left = voting.budget - ballot.length;
  const count = (id: DomainId) => ballot.filter((d) => d === id).length;
  const maxTotal = voting.totals ? Math.max(1, ...Object.values(voting.totals)) : 1;
  const sent = voting.myVotes.length > 0 && [...ballot].sort().join() === [...voting.myVotes].sort().join();

  return (
    <section aria-labelledby="voting-heading">
      <h2 className="govuk-heading-m" id="voting-heading">
        Areas of greatest need
      </h2>
      {voting.status === 'not-started' && <p className="govuk-body">Voting has not started. The facilitator will open it.</p>}
      {voting.status === 'open' && (
        <p className="govuk-body" aria-live="polite">
          You have {voting.budget} votes to spend on the domains that need most work; you can put more than one on a domain. {left} left.{' '}
          {voting.voters} {voting.voters === 1 ? 'person has' : 'people have'} voted. Votes stay hidden until the facilitator shows them.
        </p>
      )}
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-visually-hidden">Votes per domain</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Domain</th>
            <th scope="col" className="govuk-table__header app-wide-only">
              Agreed rating
            </th>
            <th scope="col" className="govuk-table__header">{voting.totals ? 'Votes' : 'Your votes'}</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {cascadeDomains.map((d) => (
            <tr className="govuk-table__row" key={d.id}>
              <th scope="row" className="govuk-table__header govuk-!-font-weight-regular">
                {d.id}. {d.shortTitle}
                {view.areasOfNeed.includes(d.id) && <strong className="govuk-tag govuk-tag--orange govuk-!-margin-left-2">Area of need</strong>}
                <span className="govuk-hint govuk-body-s govuk-!-margin-bottom-0 app-phone-only">Agreed rating: {agreedLabel(view, d.id)}</span>
              </th>
              <td className="govuk-table__cell app-wide-only">{agreedLabel(view, d.id)}</td>
              <td className="govuk-table__cell">
                {voting.totals ? (
                  <>
                    <span className="app-distribution__bar" style={{ width: `${(voting.totals[d.id] / maxTotal) * 60}%` }} aria-hidden="true" />
                    <span className="app-distribution__count">{voting.totals[d.id]}</span>
                  </>
                ) : voting.status === 'open' ? (
                  <span className="app-vote">
                    <button type="button" className="govuk-button govuk-button--secondary app-vote__button" disabled={count(d.id) === 0} onClick={() => setBallot((b) => { const i = b.indexOf(d.id); return b.filter((_, j) => j !== i); })}>
                      −<span className="govuk-visually-hidden"> remove a vote from {d.shortTitle}</span>
                    </button>
                    <span className="app-vote__count">{count(d.id)}</span>
                    <button type="button" className="govuk-button govuk-button--secondary app-vote__button" disabled={left === 0} onClick={() => setBallot((b) => [...b, d.id])}>
                      +<span className="govuk-visually-hidden"> add a vote to {d.shortTitle}</span>
                    </button>
                  </span>
                ) : (
                  '–'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {voting.status === 'open' && allows(view, 'cast-votes') && (
        <>
          {sent && (
            <p className="govuk-body govuk-!-font-weight-bold app-vote__sent">
              Your {voting.myVotes.length} {voting.myVotes.length === 1 ? 'vote is' : 'votes are'} in. You can change them until the facilitator shows the votes.
            </p>
          )}
          <ActionButton variant={sent ? 'secondary' : 'primary'} run={() => act({ type: 'cast-votes', domains: ballot })} disabled={sent}>
            {voting.myVotes.length ? 'Send my changed votes' : 'Send my votes'}
          </ActionButton>
        </>
      )}
    </section>
  );
}

function agreedLabel(view: FacilitationView, domain: DomainId): string {
  const agreed = view.agreed.find((a) => a.domain === domain);
  return agreed ? `${agreed.rating} – ${ratingLabels[agreed.rating]}` : 'Not rated';
}
