import { useState } from 'react';
import { cascadeDomains, ratingLabels, ratingValues, type DomainId } from '@shared/cascade/framework';
import { leadingDomains, phaseLabels, phasesFor, type FacilitationAction, type FacilitationView } from '@shared/meetings/facilitation';
import type { MeetingKind } from '@shared/meetings/meeting';

/** The facilitator's panel. Everything here is also checked by the server. */
export function FacilitatorControls({
  kind,
  view,
  act,
  onClose,
}: {
  kind: MeetingKind;
  view: FacilitationView;
  act: (a: FacilitationAction) => Promise<unknown>;
  onClose: () => void;
}) {
  const phases = phasesFor(kind);
  const phaseIndex = phases.indexOf(view.phase);
  const [minutes, setMinutes] = useState('5');
  const [rating, setRating] = useState('');
  const [rationale, setRationale] = useState('');
  const [budget, setBudget] = useState('3');
  const suggested = view.voting.totals ? leadingDomains(view.voting.totals, 3) : [];
  const [areas, setAreas] = useState<DomainId[]>([]);
  const focus = view.focus;

  return (
    <aside className="app-controls" aria-labelledby="controls-heading">
      <h2 className="govuk-heading-s" id="controls-heading">
        Facilitator controls
      </h2>
      <div className="govuk-button-group">
        <button type="button" className="govuk-button govuk-button--secondary" disabled={phaseIndex === 0} onClick={() => act({ type: 'set-phase', phase: phases[phaseIndex - 1]! })}>
          Previous phase
        </button>
        <button type="button" className="govuk-button" disabled={phaseIndex === phases.length - 1} onClick={() => act({ type: 'set-phase', phase: phases[phaseIndex + 1]! })}>
          Next: {phaseLabels[phases[Math.min(phaseIndex + 1, phases.length - 1)]!]}
        </button>
      </div>

      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor="focus-domain">
          Focus everyone on
        </label>
        <select className="govuk-select" id="focus-domain" value={focus ?? ''} onChange={(e) => act({ type: 'focus', domain: e.target.value ? (Number(e.target.value) as DomainId) : null })}>
          <option value="">No domain</option>
          {cascadeDomains.map((d) => (
            <option key={d.id} value={d.id}>
              {d.id}. {d.shortTitle}
            </option>
          ))}
        </select>
      </div>

      {focus && (
        <>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => act({ type: 'reveal-ratings', domain: focus })}>
            Show the group’s ratings for domain {focus}
          </button>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void act({ type: 'record-agreed-rating', domain: focus, rating: Number(rating) as 1, rationale }).then(() => setRationale(''));
            }}
          >
            <div className="govuk-form-group">
              <label className="govuk-label govuk-label--s" htmlFor="agreed-rating">
                Agreed rating for domain {focus}
              </label>
              <select className="govuk-select" id="agreed-rating" value={rating} onChange={(e) => setRating(e.target.value)}>
                <option value="">Choose a rating</option>
                {ratingValues.map((v) => (
                  <option key={v} value={v}>
                    {v} – {ratingLabels[v]}
                  </option>
                ))}
              </select>
            </div>
            <div className="govuk-form-group">
              <label className="govuk-label" htmlFor="agreed-rationale">
                Why, in one line
              </label>
              <input className="govuk-input" id="agreed-rationale" maxLength={300} value={rationale} onChange={(e) => setRationale(e.target.value)} />
            </div>
            <button type="submit" className="govuk-button govuk-button--secondary">
              Record agreed rating
            </button>
          </form>
        </>
      )}

      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor="timer-minutes">
          Timer, in minutes
        </label>
        <input className="govuk-input govuk-input--width-3" id="timer-minutes" inputMode="numeric" value={minutes} onChange={(e) => setMinutes(e.target.value)} />
      </div>
      <div className="govuk-button-group">
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => act({ type: 'start-timer', seconds: Math.round(Number(minutes) * 60) })}>
          Start timer
        </button>
        {view.timer && (
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => act({ type: 'stop-timer' })}>
            Stop timer
          </button>
        )}
      </div>

      <h3 className="govuk-heading-s">Voting on areas of greatest need</h3>
      {view.voting.status !== 'open' && (
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="vote-budget">
            Votes per person
          </label>
          <input className="govuk-input govuk-input--width-2" id="vote-budget" inputMode="numeric" value={budget} onChange={(e) => setBudget(e.target.value)} />
        </div>
      )}
      <div className="govuk-button-group">
        {view.voting.status !== 'open' && (
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => act({ type: 'open-voting', budget: Number(budget) })}>
            {view.voting.status === 'revealed' ? 'Vote again' : 'Open voting'}
          </button>
        )}
        {view.voting.status === 'open' && (
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => act({ type: 'reveal-votes' })}>
            Show the votes ({view.voting.voters} voted)
          </button>
        )}
      </div>
      {view.voting.status === 'revealed' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act({ type: 'settle-areas-of-need', domains: areas.length ? areas : suggested });
          }}
        >
          <div className="govuk-form-group">
            <fieldset className="govuk-fieldset">
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Areas of greatest need</legend>
              <div className="govuk-hint">The most voted domains are ticked; settle any tie.</div>
              <div className="govuk-checkboxes govuk-checkboxes--small">
                {cascadeDomains.map((d) => {
                  const checked = (areas.length ? areas : suggested).includes(d.id);
                  return (
                    <div className="govuk-checkboxes__item" key={d.id}>
                      <input
                        className="govuk-checkboxes__input"
                        id={`area-${d.id}`}
                        type="checkbox"
                        checked={checked}
                        onChange={() => {
                          const current = areas.length ? areas : suggested;
                          setAreas(checked ? current.filter((x) => x !== d.id) : [...current, d.id]);
                        }}
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
          <button type="submit" className="govuk-button govuk-button--secondary">
            Settle areas of greatest need
          </button>
        </form>
      )}

      <h3 className="govuk-heading-s">End of the meeting</h3>
      <button
        type="button"
        className="govuk-button govuk-button--warning"
        onClick={() => {
          if (window.confirm('Close the meeting? The board will be frozen and can no longer be changed.')) onClose();
        }}
      >
        Close the meeting
      </button>
    </aside>
  );
}
