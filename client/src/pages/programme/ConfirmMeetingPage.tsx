import { useNavigate, useParams } from 'react-router';
import { formatDateTime } from '@shared/format';
import { useConfirmMeeting } from '../../api/programme';
import { errorsFromFailure, QuestionPage } from '../../components/forms';
import { ProblemPage } from '../../components/Layout';
import { useEventPage } from './useEventPage';

/** The lead confirms the date and time the facilitator suggested (guide section 4). */
export function ConfirmMeetingPage() {
  const { meetingId = '' } = useParams();
  const { event, fallback } = useEventPage(meetingId);
  const confirm = useConfirmMeeting(meetingId);
  const navigate = useNavigate();
  if (!event) return fallback;
  if (!event.abilities.includes('confirm-date')) return <ProblemPage title="You cannot confirm this date" message="The strategic lead confirms the date of a meeting." />;
  const errors = confirm.isError ? errorsFromFailure(confirm.error, [], 'The date could not be confirmed. Try again.') : [];
  const back = `/sites/${event.meeting.siteId}`;

  return (
    <QuestionPage back={back} errors={errors} caption={event.title} title="Confirm the date and time of the meeting">
      <p className="govuk-body-l">{formatDateTime(event.meeting.startsAt)}</p>
      {event.confirmation ? (
        <div className="govuk-inset-text">
          Confirmed by {event.confirmation.by} on {formatDateTime(event.confirmation.at)}.
        </div>
      ) : (
        <>
          <p className="govuk-body">Once you confirm it, invite local stakeholders and ask them to register at least a week before.</p>
          <button type="button" className="govuk-button" disabled={confirm.isPending} onClick={() => confirm.mutate(undefined, { onSuccess: () => navigate(back) })}>
            Confirm this date
          </button>
        </>
      )}
      <p className="govuk-body">If this date does not suit, ask your facilitator to suggest another.</p>
    </QuestionPage>
  );
}
