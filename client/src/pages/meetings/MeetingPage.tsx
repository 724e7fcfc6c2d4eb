import { useCallback, useRef } from 'react';
import { Link, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useMeetingState } from '../../realtime/useMeetingState';
import { ActionButton, replyOf } from './board/ActionButton';
import { meetingKindLabels } from '@shared/meetings/meeting';
import { useMe } from '../../api/hooks';
import { useMeetingDetail, useMeetingTransition, useMyPreRatings, usePreRatingProgress } from '../../api/meetings';
import { useEventRegistration } from '../../api/programme';
import { Loading, ProblemPage } from '../../components/Layout';
import { formatDateTime, formatDay } from '@shared/format';
import { ukDay } from '@shared/dates';
import { LiveBoard } from './board/LiveBoard';
import { refusedByServer } from '../../api/http';
import { MeetingNotLoaded } from './MeetingNotLoaded';
import { lazyPage } from '../../lazy-page';

/** A closed meeting's record: never drawn by the server, and not needed by a live board. */
const ClosedMeeting = lazyPage(() => import('./ClosedMeeting').then((m) => m.ClosedMeeting));

export { loadDrawnBoard } from './board/phase-code';

export function MeetingPage() {
  const { meetingId = '' } = useParams();
  const detail = useMeetingDetail(meetingId);
  const me = useMe();
  // Seen before the start on this page: the board that replaces it is a meeting just started.
  const waited = useRef(false);
  if (detail.data?.meeting.status === 'scheduled') waited.current = true;
  if (detail.isPending || me.isPending) return <Loading />;
  // A second reading that failed (asked for after every reconnection, and the connection dropped
  // again) keeps the first: the board stays on screen, and the next reconnection reads it again.
  // A refusal (taken off the site meanwhile) is shown.
  if (!detail.data || !me.data || refusedByServer(detail.error)) return <MeetingNotLoaded error={detail.error ?? me.error} refused="Only members of the meeting's site can see it." />;
  const { meeting, participates } = detail.data;
  if (meeting.status === 'closed') return <ClosedMeeting detail={detail.data} />;
  if (meeting.status === 'cancelled') {
    return <ProblemPage title={`${meetingKindLabels[meeting.kind]}: cancelled`} message={`The meeting on ${formatDateTime(meeting.startsAt)} was cancelled.`} />;
  }
  if (!participates) {
    return <ProblemPage title={meetingKindLabels[meeting.kind]} message={`This meeting is on ${formatDateTime(meeting.startsAt)}. You are not invited to it.`} />;
  }
  if (meeting.status === 'live') return <LiveBoard detail={detail.data} me={me.data} justStarted={waited.current} />;
  return <ScheduledMeeting meetingId={meetingId} facilitates={detail.data.facilitates} invited={meeting.attendeeIds.includes(me.data.id)} />;
}

/**
 * Before the start: the pre-meeting ratings, and for the facilitator who has done them. Everyone
 * here has already joined the meeting's channel, so when it starts they move into it at once.
 */
function ScheduledMeeting({ meetingId, facilitates, invited }: { meetingId: string; facilitates: boolean; invited: boolean }) {
  const detail = useMeetingDetail(meetingId);
  const client = useQueryClient();
  const onStatus = useCallback(() => void client.invalidateQueries({ queryKey: ['meetings', meetingId] }), [client, meetingId]);
  const channel = useMeetingState(meetingId, onStatus);
  const mine = useMyPreRatings(meetingId, invited);
  const progress = usePreRatingProgress(meetingId, facilitates);
  const start = useMeetingTransition(meetingId, 'start');
  const cancel = useMeetingTransition(meetingId, 'cancel');
  const meeting = detail.data!.meeting;
  const rated = mine.data?.length ?? 0;
  // Offered before the booked day too (a meeting held early), but not as the obvious next step.
  const early = ukDay(new Date()) < ukDay(meeting.startsAt);

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link to={`/sites/${meeting.siteId}`} className="govuk-back-link">
          Back to the site
        </Link>
        <span className="govuk-caption-l">{formatDateTime(meeting.startsAt)}</span>
        <h1 className="govuk-heading-l">{meetingKindLabels[meeting.kind]}</h1>
        {detail.data!.abilities.includes('reschedule-meeting') && (
          <p className="govuk-body">
            <Link className="govuk-link" to={`/meetings/${meetingId}/move`}>
              Move this meeting to another date or time
            </Link>
          </p>
        )}
        {detail.data!.abilities.includes('cancel-meeting') && (
          <ActionButton
            variant="quiet-warning"
            run={() => replyOf(() => cancel.mutateAsync())}
            confirm={{ question: 'Cancel this meeting? Everyone registered is told, and it is taken out of their calendars. This cannot be undone.', yes: 'Yes, cancel the meeting' }}
          >
            Cancel this meeting
          </ActionButton>
        )}
        {invited && (
          <>
            <h2 className="govuk-heading-m">Before the meeting</h2>
            <p className="govuk-body">
              Rate how close your area is to the gold standard in each of the seven CASCADE domains. It takes about 10 minutes. Please do it at least a week before the meeting.
            </p>
            <p className="govuk-body">
              <strong>
                {rated} of 7 domains rated{rated === 7 ? ' – thank you' : ''}.
              </strong>
            </p>
            <Link to={`/meetings/${meetingId}/ratings/${rated === 7 ? 'check' : Math.min(rated + 1, 7)}`} role="button" draggable="false" className="govuk-button">
              {rated === 0 ? 'Start rating' : rated === 7 ? 'Check your ratings' : 'Continue rating'}
            </Link>
          </>
        )}
        {facilitates && (
          <>
            <h2 className="govuk-heading-m">Running the meeting</h2>
            <ul className="govuk-list">
              <li>
                <Link className="govuk-link" to={`/meetings/${meetingId}/plan`}>
                  Plan the meeting’s time
                </Link>{' '}
                – a time box for each phase, seen by both facilitators against the time each takes
              </li>
              <li>
                <Link className="govuk-link" to={`/sites/${meeting.siteId}/facilitator-script`}>
                  Change the facilitator script
                </Link>{' '}
                – your private notes for each phase
              </li>
            </ul>
            <h2 className="govuk-heading-m">Who has rated the domains</h2>
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-visually-hidden">Progress of pre-meeting ratings</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">Name</th>
                  <th scope="col" className="govuk-table__header">Progress</th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {(progress.data ?? []).map((p) => (
                  <tr className="govuk-table__row" key={p.userId}>
                    <td className="govuk-table__cell">{p.name}</td>
                    <td className="govuk-table__cell">
                      {p.complete ? <strong className="govuk-tag govuk-tag--green">Completed</strong> : `${p.rated} of 7`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <ActionButton
              variant={early ? 'secondary' : 'primary'}
              run={() => replyOf(() => start.mutateAsync())}
              confirm={{ question: `${early ? `This meeting is booked for ${formatDay(meeting.startsAt)}. Start it now?` : 'Start the meeting now?'} Everyone waiting on this page moves into it, and pre-meeting ratings close.`, yes: 'Yes, start the meeting' }}
            >
              Start the meeting
            </ActionButton>
          </>
        )}
        <JoiningTheCall meetingId={meetingId} />
        <p className="govuk-body" role="status">
          {!channel.connected
            ? 'Connecting…'
            : facilitates
              ? 'Everyone waiting on this page moves into the meeting as soon as it is started – nobody needs to reload.'
              : 'You will move into the meeting as soon as the facilitator starts it – there is no need to reload.'}
        </p>
      </div>
    </div>
  );
}

/** The video call's link and details, for those the server gives them to (whoever takes part). */
function JoiningTheCall({ meetingId }: { meetingId: string }) {
  const joining = useEventRegistration(meetingId).data?.joining;
  if (!joining?.link && !joining?.details) return null;
  return (
    <>
      <h2 className="govuk-heading-m">Joining the call</h2>
      {joining.link && (
        <p className="govuk-body">
          <a className="govuk-link" href={joining.link} target="_blank" rel="noreferrer noopener">
            Join the video call (opens in a new tab)
          </a>
        </p>
      )}
      {joining.details && <p className="govuk-body app-preserve-lines">{joining.details}</p>}
    </>
  );
}

