import { Link, useParams } from 'react-router';
import { formatDateTime } from '@shared/format';
import { useAddSessionAction, useSetSessionActionDone } from '../../api/programme';
import { ActionList, AddActionForm, tickRefusal } from '../../components/actions';
import { useEventPage } from './useEventPage';

/** The actions a tailored session agreed, for the lead to take forward locally. */
export function SessionActionsPage() {
  const { meetingId = '' } = useParams();
  const { event, fallback } = useEventPage(meetingId);
  const add = useAddSessionAction(meetingId);
  const setDone = useSetSessionActionDone(meetingId);
  if (!event) return fallback;
  return (
    <>
      <Link to={`/sites/${event.meeting.siteId}/tailored-sessions`} className="govuk-back-link">
        Back to tailored support sessions
      </Link>
      <span className="govuk-caption-l">{formatDateTime(event.meeting.startsAt)}</span>
      <h1 className="govuk-heading-l">Actions: {event.title}</h1>
      {/* Everyone who took part in the session may tick its actions off (the server's rule for a session's actions). */}
      <ActionList actions={event.actions} caption="Actions agreed at this session" mayTick={() => true} onDone={(actionId, done) => setDone.mutate({ actionId, done })} refusal={tickRefusal(setDone)} />
      <AddActionForm idPrefix="session" add={add} open={event.actions.length === 0} />
    </>
  );
}
