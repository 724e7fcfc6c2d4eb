import type { MeetingAction, MeetingStateEvent } from '@shared/realtime';
import { ActionButton, type ActionReply } from './ActionButton';
import { allows } from './abilities';

/** The pause, for everyone: the board is read-only until a facilitator resumes it. */
export function PauseNotice({ view }: { view: MeetingStateEvent }) {
  return (
    <div className="app-connection" role="status" aria-live="polite">
      {view.paused && (
        <div className="app-banner app-banner--paused" data-testid="paused">
          <strong>Paused.</strong> {view.paused.message}
        </div>
      )}
    </div>
  );
}

/** The ready check, for everyone who may answer it: say when you are done writing (and take it back). */
export function ReadyCheckNotice({ view, act }: { view: MeetingStateEvent; act: (action: MeetingAction) => Promise<ActionReply> }) {
  if (!view.readyCheck || !allows(view, 'mark-ready')) return null;
  const { ready, mine } = view.readyCheck;
  return (
    <div className="app-banner app-banner--quiet app-ready-check">
      <p className="govuk-body govuk-!-margin-bottom-2">
        <strong>Are you done writing?</strong> {ready.length} {ready.length === 1 ? 'person is' : 'people are'} ready.
      </p>
      <ActionButton key={String(mine)} variant={mine ? 'secondary' : 'primary'} run={() => act({ type: 'mark-ready', ready: !mine })}>
        {mine ? 'I’m not done yet' : 'I’m done writing'}
      </ActionButton>
    </div>
  );
}
