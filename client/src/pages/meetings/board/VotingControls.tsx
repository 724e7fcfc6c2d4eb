import { useState, type FormEvent } from 'react';
import { cascadeDomains, type DomainId } from '@shared/cascade/framework';
import { leadingDomains } from '@shared/meetings/facilitation';
import type { MeetingAction, MeetingStateEvent } from '@shared/realtime';
import { ActionButton, ActionOutcome, attempt, type ActionReply } from './ActionButton';

/** The facilitator's side of dot voting: open it, show the result, settle the areas of greatest need. */
export function VotingControls({ view, act }: { view: MeetingStateEvent; act: (action: MeetingAction) => Promise<ActionReply> }) {
  const [budget, setBudget] = useState('3');
  const suggested = view.voting.totals ? leadingDomains(view.voting.totals, 3) : [];
  const [areas, setAreas] = useState<DomainId[]>([]);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<ActionReply | null>(null);
  const chosen = areas.length ? areas : suggested;

  async function settle(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setOutcome(await attempt(() => act({ type: 'settle-areas-of-need', domains: chosen })));
    setPending(false);
  }

  return (
    <>
      <h3 className="govuk-heading-s">Voting on areas of greatest need</h3>
      {view.voting.status !== 'open' && (
        <>
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="vote-budget">
              Votes per person
            </label>
            <input className="govuk-input govuk-input--width-2" id="vote-budget" inputMode="numeric" value={budget} onChange={(e) => setBudget(e.target.value)} />
          </div>
          <ActionButton variant={view.voting.status === 'not-started' ? 'primary' : 'secondary'} run={() => act({ type: 'open-voting', budget: Number(budget) })} done="Voting is open">
            {view.voting.status === 'revealed' ? 'Vote again' : 'Open voting'}
          </ActionButton>
        </>
      )}
      {view.voting.status === 'open' && (
        <ActionButton variant="primary" run={() => act({ type: 'reveal-votes' })} done="The votes are shown to everyone">
          Show the votes ({view.voting.voters} voted)
        </ActionButton>
      )}
      {view.voting.status === 'revealed' && (
        <form onSubmit={(e) => void settle(e)} noValidate>
          <div className="govuk-form-group">
            <fieldset className="govuk-fieldset">
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Areas of greatest need</legend>
              <div className="govuk-hint">The most voted domains are ticked; settle any tie.</div>
              <div className="govuk-checkboxes govuk-checkboxes--small">
                {cascadeDomains.map((d) => {
                  const checked = chosen.includes(d.id);
                  return (
                    <div className="govuk-checkboxes__item" key={d.id}>
                      <input
                        className="govuk-checkboxes__input"
                        id={`area-${d.id}`}
                        type="checkbox"
                        checked={checked}
                        onChange={() => setAreas(checked ? chosen.filter((x) => x !== d.id) : [...chosen, d.id])}
                      />
                      <label className="govuk-label govuk-checkboxes__label" htmlFor={`area-${d.id}`}>
                        {d.id}. {d.shortTitle} ({view.voting.totals?.[d.id] ?? 0})
                      </label>
                    </div>
                  );
                })}
              </div>
            </fieldset>
          </div>
          <button type="submit" className="govuk-button govuk-!-margin-bottom-0" disabled={pending}>
            Settle areas of greatest need
          </button>
          <ActionOutcome pending={pending} outcome={outcome} done="Areas of greatest need settled" />
        </form>
      )}
    </>
  );
}
