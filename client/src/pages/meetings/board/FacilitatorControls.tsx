import { useState, type FormEvent } from 'react';
import { ratingLabels, ratingValues, type DomainId } from '@shared/cascade/framework';
import { phaseLabels, phasesFor } from '@shared/meetings/phases';
import type { Meeting } from '@shared/meetings/meeting';
import type { MeetingAction, MeetingStateEvent } from '@shared/realtime';
import { ActionButton, ActionOutcome, attempt, type ActionReply } from './ActionButton';
import { VotingControls } from './VotingControls';
import { useKeptDraft } from '../../../realtime/kept-drafts';
import { allows } from './abilities';
import { PauseControls } from './DrivingControls';
import { MoveOn } from './MoveOn';
import { GoalFocusControl } from './GoalFocusControl';
import { DomainOptions } from '../../../components/options';

type Act = (action: MeetingAction) => Promise<ActionReply>;

/**
 * The facilitator's panel: only what the server says they may do in the current phase (the table
 * of meeting actions), the phase's own next step first. Anything that cannot be undone asks first.
 */
export function FacilitatorControls({ meeting, view, act, close }: { meeting: Meeting; view: MeetingStateEvent; act: Act; close: () => Promise<ActionReply> }) {
  const phases = phasesFor(meeting.kind);
  const previous = phases[phases.indexOf(view.phase) - 1];
  return (
    <aside className="app-controls" aria-labelledby="controls-heading">
      <h2 className="govuk-heading-s" id="controls-heading">
        Facilitator controls
      </h2>
      {/* A pause, which holds every phase, in view above a long phase's controls (one line until opened). */}
      {allows(view, 'pause-meeting') && <PauseControls view={view} act={act} />}
      {/* The phase's own work first; moving on comes after it, and asks while that work is unfinished. */}
      <DomainReviewControls view={view} act={act} />
      <GoalFocusControl siteId={meeting.siteId} view={view} act={act} />
      {allows(view, 'open-voting') && <VotingControls view={view} act={act} />}
      <div className="app-controls__next">
        <MoveOn meeting={meeting} view={view} act={act} close={close} />
      </div>
      {allows(view, 'start-timer') && <TimerControls view={view} act={act} />}
      {previous && (
        <ActionButton key={view.phase} run={() => act({ type: 'set-phase', phase: previous })}>
          Back to {phaseLabels[previous].toLowerCase()}
        </ActionButton>
      )}
    </aside>
  );
}

function DomainReviewControls({ view, act }: { view: MeetingStateEvent; act: Act }) {
  const focus = view.focus;
  const { notes } = view;
  return (
    <>
      {allows(view, 'focus') && (
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="focus-domain">
            Bring everyone to
          </label>
          <select className="govuk-select" id="focus-domain" value={focus ?? ''} onChange={(e) => void act({ type: 'focus', domain: e.target.value ? (Number(e.target.value) as DomainId) : null })}>
            <option value="">All domains (overview)</option>
            <DomainOptions />
          </select>
        </div>
      )}
      {focus && (
        <>
          {allows(view, 'reveal-ratings') && (
            <ActionButton run={() => act({ type: 'reveal-ratings', domain: focus })} done="Shown to everyone">
              Show the group’s ratings for domain {focus}
            </ActionButton>
          )}
          {allows(view, 'record-agreed-rating') && <AgreedRatingForm key={focus} meetingId={view.meetingId} domain={focus} act={act} />}
        </>
      )}
      {focus && allows(view, 'write-privately') && (
        <>
          <h3 className="govuk-heading-s govuk-!-margin-top-6">Writing notes</h3>
          {notes.privateDomain === focus ? (
            <ActionButton variant="primary" run={() => act({ type: 'reveal-private-notes' })} done="Everyone’s notes are on the board">
              Reveal all notes ({notes.privateCount} written)
            </ActionButton>
          ) : (
            <ActionButton run={() => act({ type: 'write-privately', domain: focus })} disabled={notes.privateDomain !== null} done="People now write privately">
              Write privately in domain {focus}
            </ActionButton>
          )}
        </>
      )}
      {allows(view, 'set-anonymous-notes') && (
        <>
          <ActionButton run={() => act({ type: 'set-anonymous-notes', anonymous: !notes.anonymous })} done={notes.anonymous ? 'New notes show their author' : 'New notes are anonymous'}>
            {notes.anonymous ? 'Show authors on new notes' : 'Make new notes anonymous'}
          </ActionButton>
          <p className="govuk-hint">{notes.anonymous ? 'New notes show no author to anyone, you included.' : 'Notes show who wrote them.'}</p>
        </>
      )}
    </>
  );
}

function AgreedRatingForm({ meetingId, domain, act }: { meetingId: string; domain: DomainId; act: Act }) {
  const [rating, setRating] = useState('');
  // The group's reasons, typed as they talk: kept like a note's draft until recorded.
  const [kept, keep] = useKeptDraft(`drafts:${meetingId}:agreed-rationale-${domain}`);
  const rationale = kept.text;
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<ActionReply | null>(null);
  async function record(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    const reply = await attempt(() => act({ type: 'record-agreed-rating', domain, rating: Number(rating) as 1, rationale }));
    setPending(false);
    setOutcome(reply);
    if (reply.ok) keep(null);
  }
  return (
    <form onSubmit={(e) => void record(e)} noValidate>
      {/* Radios, not a select: the sidebar is narrow, and a select showed "3 – Part of the way to the". */}
      <div className="govuk-form-group">
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Agreed rating for domain {domain}</legend>
          <div className="govuk-radios govuk-radios--small">
            {ratingValues.map((v, i) => (
              <div className="govuk-radios__item" key={v}>
                <input className="govuk-radios__input" id={i === 0 ? 'agreed-rating' : `agreed-rating-${v}`} name="agreed-rating" type="radio" value={v} checked={rating === String(v)} onChange={() => setRating(String(v))} />
                <label className="govuk-label govuk-radios__label" htmlFor={i === 0 ? 'agreed-rating' : `agreed-rating-${v}`}>
                  {v} – {ratingLabels[v]}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor="agreed-rationale">
          Why, in one line
        </label>
        <input className="govuk-input" id="agreed-rationale" maxLength={300} value={rationale} onChange={(e) => keep({ text: e.target.value })} />
      </div>
      <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" disabled={pending}>
        Record agreed rating
      </button>
      <ActionOutcome pending={pending} outcome={outcome} done="Agreed rating recorded" />
    </form>
  );
}

function TimerControls({ view, act }: { view: MeetingStateEvent; act: Act }) {
  const [minutes, setMinutes] = useState('5');
  return (
    <details className="govuk-details app-controls__timer" open={view.timer !== null || undefined}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Timer</span>
      </summary>
      <div className="govuk-details__text">
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="timer-minutes">
            Minutes
          </label>
          <input className="govuk-input govuk-input--width-3" id="timer-minutes" inputMode="numeric" value={minutes} onChange={(e) => setMinutes(e.target.value)} />
        </div>
        <ActionButton run={() => act({ type: 'start-timer', seconds: Math.round(Number(minutes) * 60) })}>Start timer</ActionButton>
        {view.timer && (
          <>
            {view.timer.pausedWithSeconds === null ? (
              <ActionButton run={() => act({ type: 'pause-timer' })}>Pause timer</ActionButton>
            ) : (
              <ActionButton run={() => act({ type: 'resume-timer' })}>Restart timer</ActionButton>
            )}
            <ActionButton run={() => act({ type: 'extend-timer', seconds: 60 })} done="1 minute added">
              Add 1 minute
            </ActionButton>
            <ActionButton run={() => act({ type: 'extend-timer', seconds: 300 })} done="5 minutes added">
              Add 5 minutes
            </ActionButton>
            <ActionButton run={() => act({ type: 'stop-timer' })}>Stop timer</ActionButton>
          </>
        )}
      </div>
    </details>
  );
}
