import { useState } from 'react';
import type { Meeting } from '@shared/meetings/meeting';
import type { MeetingAction, MeetingStateEvent } from '@shared/realtime';
import { useSite } from '../../../api/hooks';
import { ActionButton, type ActionReply } from './ActionButton';
import { allows } from './abilities';

type Act = (action: MeetingAction) => Promise<ActionReply>;

/** Whether this person drives now: the named driver, or any facilitator while nobody has taken the controls. */
export const drivesNow = (view: MeetingStateEvent, userId: string) => allows(view, 'set-phase') && (view.driver === null || view.driver.userId === userId);

/**
 * Who has the controls, for both facilitators: the driver hands over to the other explicitly;
 * the other is offered the controls only when the driver's connection has gone.
 */
export function DrivingControls({ meeting, view, act, userId }: { meeting: Meeting; view: MeetingStateEvent; act: Act; userId: string }) {
  const { driver } = view;
  const mine = driver?.userId === userId;
  return (
    <section className="app-driving" aria-labelledby="driving-heading">
      <h2 className="govuk-heading-s govuk-!-margin-bottom-2" id="driving-heading">
        Controls
      </h2>
      {driver?.away && !mine && (
        <div className="govuk-warning-text app-driving__offer" role="alert">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {driver.name} has lost their connection. You can take the controls.
          </strong>
        </div>
      )}
      <p className="govuk-body-s" data-testid="driver">
        {mine ? 'You are driving the meeting.' : driver ? `${driver.name} is driving the meeting${driver.away ? ' (disconnected)' : ''}. You are supporting.` : 'Nobody has taken the controls yet.'}
      </p>
      {!mine && allows(view, 'take-controls') && (!driver || driver.away) && (
        <ActionButton variant={driver?.away ? 'primary' : 'secondary'} run={() => act({ type: 'take-controls' })} done="You have the controls">
          Take the controls
        </ActionButton>
      )}
      {mine && allows(view, 'hand-over') && <HandOver siteId={meeting.siteId} userId={userId} act={act} />}
      {allows(view, 'start-ready-check') && <ReadyCheckControls view={view} act={act} />}
    </section>
  );
}

function HandOver({ siteId, userId, act }: { siteId: string; userId: string; act: Act }) {
  const site = useSite(siteId);
  const others = (site.data?.members ?? []).filter((m) => m.role === 'facilitator' && m.userId !== userId);
  const [to, setTo] = useState('');
  const chosen = to || others[0]?.userId || '';
  if (!others.length) return null;
  return (
    <div className="govuk-form-group govuk-!-margin-bottom-2">
      <label className="govuk-label govuk-label--s" htmlFor="hand-over-to">
        Hand the controls to
      </label>
      <select className="govuk-select" id="hand-over-to" value={chosen} onChange={(e) => setTo(e.target.value)}>
        {others.map((m) => (
          <option key={m.userId} value={m.userId}>
            {m.name}
          </option>
        ))}
      </select>
      <ActionButton run={() => act({ type: 'hand-over', to: chosen })} done="Handed over">
        Hand over
      </ActionButton>
    </div>
  );
}

/** Pausing and resuming, for whoever drives: at the top of their controls, in view on a laptop screen. */
export function PauseControls({ view, act }: { view: MeetingStateEvent; act: Act }) {
  const [message, setMessage] = useState('');
  if (view.paused) {
    return (
      <ActionButton variant="primary" run={() => act({ type: 'resume-meeting' })} done="The board is open again">
        Resume the meeting
      </ActionButton>
    );
  }
  return (
    <details className="govuk-details govuk-!-margin-bottom-2">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Pause the meeting</span>
      </summary>
      <div className="govuk-details__text">
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="pause-message">
            Message to everyone (optional)
          </label>
          <input className="govuk-input" id="pause-message" maxLength={200} value={message} onChange={(e) => setMessage(e.target.value)} />
        </div>
        <ActionButton run={() => act({ type: 'pause-meeting', message })} done="Paused: the board is read-only">
          Pause the meeting
        </ActionButton>
      </div>
    </details>
  );
}

function ReadyCheckControls({ view, act }: { view: MeetingStateEvent; act: Act }) {
  if (!view.readyCheck) {
    return (
      <ActionButton run={() => act({ type: 'start-ready-check' })} done="Everyone is asked">
        Ask who is done writing
      </ActionButton>
    );
  }
  return (
    <>
      <p className="govuk-body-s">
        Done writing: {view.readyCheck.ready.length ? view.readyCheck.ready.join(', ') : 'nobody yet'}
      </p>
      <ActionButton run={() => act({ type: 'end-ready-check' })}>End the ready check</ActionButton>
    </>
  );
}
