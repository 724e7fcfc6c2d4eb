import { Link, useParams } from 'react-router';
import { formatDateTime } from '@shared/format';
import { sectorLabel } from '@shared/organisations';
import { useRegistrations, useSendInvitations } from '../../api/programme';
import { ErrorSummary, errorsFromFailure } from '../../components/forms';
import { ProblemPage } from '../../components/Layout';
import { Table } from '../../components/Table';
import { useEventPage } from './useEventPage';

/** Who has registered for an event, by organisation and sector; and the button that invites the rest. */
export function RegistrationsPage() {
  const { meetingId = '' } = useParams();
  const { event, fallback } = useEventPage(meetingId);
  const registrations = useRegistrations(meetingId, Boolean(event?.abilities.includes('see-registrations')));
  const invite = useSendInvitations(meetingId);
  if (!event) return fallback;
  if (!event.abilities.includes('see-registrations')) return <ProblemPage title="You cannot see who has registered" message="The strategic lead and facilitators see registrations." />;
  const people = [...(registrations.data ?? [])].sort((a, b) => a.organisation.localeCompare(b.organisation) || a.name.localeCompare(b.name));
  const bySector = new Map<string, number>();
  for (const person of people) bySector.set(sectorLabel(person.sector), (bySector.get(sectorLabel(person.sector)) ?? 0) + 1);
  const errors = invite.isError ? errorsFromFailure(invite.error, [], 'The invitations could not be sent. Try again.') : [];

  return (
    <>
      <Link to={`/sites/${event.meeting.siteId}`} className="govuk-back-link">
        Back
      </Link>
      <ErrorSummary errors={errors} />
      <span className="govuk-caption-l">{formatDateTime(event.meeting.startsAt)}</span>
      <h1 className="govuk-heading-l">Registrations: {event.title}</h1>
      {invite.isSuccess && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="invited-title">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="invited-title">
              Success
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">
              Invitations sent to {invite.data.sent} {invite.data.sent === 1 ? 'person' : 'people'}
            </p>
          </div>
        </div>
      )}
      <p className="govuk-body">
        {event.invitationsSentAt ? `Invitations were last sent on ${formatDateTime(event.invitationsSentAt)}.` : 'No invitations have been sent yet.'}{' '}
        {event.closesAt && `Registration ${event.open ? 'closes' : 'closed'} on ${formatDateTime(event.closesAt)}.`}
      </p>
      {event.open && (
        <>
          <p className="govuk-body">Everyone on the site who has not registered gets an email with a link to register and a calendar file.</p>
          <button type="button" className="govuk-button" disabled={invite.isPending} onClick={() => invite.mutate(undefined)}>
            Send invitations to register
          </button>
        </>
      )}
      <h2 className="govuk-heading-m">
        {people.length} {people.length === 1 ? 'person has' : 'people have'} registered
      </h2>
      {bySector.size > 0 && (
        <p className="govuk-body">
          By sector: {[...bySector].map(([sector, count]) => `${sector} ${count}`).join(', ')}
        </p>
      )}
      {people.length > 0 && (
        <Table
          caption="People registered, by organisation"
          head={['Organisation', 'Name', 'Sector', 'Registered']}
          rows={people.map((person) => ({
            key: person.userId,
            cells: [person.organisation, person.name, sectorLabel(person.sector), formatDateTime(person.registeredAt)],
          }))}
        />
      )}
    </>
  );
}
