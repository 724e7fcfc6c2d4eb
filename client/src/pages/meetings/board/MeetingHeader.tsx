import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { phaseLabels } from '@shared/meetings/phases';
import { meetingKindLabels, type Meeting } from '@shared/meetings/meeting';
import type { MeetingStateEvent } from '@shared/realtime';
import type { BoardConnection } from '../../../realtime/useBoard';
import type { MeetingChannel } from '../../../realtime/useMeetingState';
import { Countdown, EndToneChoice, PhaseBar, useEndTone } from './PhaseBar';
import { DriftSummary } from './RunOfShowPanel';

/** Who is in the room, by the server's account of each connection. */
export const peopleIn = (board: BoardConnection) => [...new Map(board.presence.map((p) => [p.userId, p.name])).values()];

/**
 * The top of the live board: the phase, the timer while its phase lasts, whether we are connected
 * and whether what this browser wrote is stored yet, and who is here.
 */
export function MeetingHeader(props: { meeting: Meeting; view: MeetingStateEvent; channel: MeetingChannel; board: BoardConnection; facilitates: boolean; justStarted: boolean }) {
  const { meeting, view, channel, board, facilitates, justStarted } = props;
  const people = peopleIn(board);
  const heading = useRef<HTMLHeadingElement>(null);
  // Whoever waited on the page before the start (the facilitator pressed "Start" far down it)
  // would stay scrolled where they were, the board's controls out of view: take them to the top
  // and to the heading, which says which phase they are in.
  useEffect(() => {
    if (!justStarted) return;
    window.scrollTo(0, 0);
    heading.current?.focus({ preventScroll: true });
  }, [justStarted]);
  const online = channel.connected && (board.synced || board.problem !== null);
  // Opening the page is "connecting", not a lost connection: the warning is for a drop.
  const [beenOnline, setBeenOnline] = useState(online);
  if (online && !beenOnline) setBeenOnline(true);
  const lost = beenOnline && !online;
  const [tone, chooseTone] = useEndTone();
  return (
    <>
      <div className="app-board__header">
        <div>
          <span className="govuk-caption-m">{meetingKindLabels[meeting.kind]}</span>
          <h1 className="govuk-heading-l govuk-!-margin-bottom-2" id="board-heading" ref={heading} tabIndex={-1}>
            {phaseLabels[view.phase]}
          </h1>
        </div>
        <div className="app-board__time">
          {view.timer && (
            <>
              <Countdown timer={view.timer} clockOffset={channel.clockOffset} sound={tone} />
              <EndToneChoice on={tone} choose={chooseTone} />
            </>
          )}
          {facilitates && <DriftSummary meeting={meeting} view={view} clockOffset={channel.clockOffset} />}
        </div>
      </div>
      <PhaseBar phase={view.phase} kind={meeting.kind} />
      <div className="app-board__status">
        <p className="govuk-body-s app-board__people">
          {/* Nobody is in the room only before this browser has joined it (drawn by the server, or reconnecting). */}
          {people.length ? `In the room (${people.length}): ${people.join(', ')}` : 'In the room: joining…'}
        </p>
        <p className="govuk-body-s app-board__saved" role="status">
          {board.notice ? (
            <strong className="govuk-tag govuk-tag--yellow" title={board.notice}>
              Not saved yet – retrying
            </strong>
          ) : board.unsaved ? (
            <strong className="govuk-tag govuk-tag--grey">Saving…</strong>
          ) : board.synced ? (
            <span>All changes saved</span>
          ) : beenOnline ? null : (
            <span>Connecting…</span>
          )}
        </p>
        {facilitates && (
          <p className="govuk-body-s app-board__present">
            <Link className="govuk-link" to={`/meetings/${meeting.id}/present`} target="_blank" rel="noopener">
              Open the presenter view to share on the call (opens in a new tab)
            </Link>
          </p>
        )}
      </div>
      <div className="app-connection" role="status" aria-live="polite">
        {lost && !board.problem && (
          <div className="app-banner app-banner--warning">
            <strong>Connection lost – reconnecting…</strong> Stay on this page and keep writing: what you type is kept on this device and sent when the connection returns.
          </div>
        )}
      </div>
      {(channel.error || board.problem) && (
        <div className="govuk-error-summary" role="alert">
          <div className="govuk-error-summary__body">{channel.error ?? board.problem}</div>
        </div>
      )}
    </>
  );
}
