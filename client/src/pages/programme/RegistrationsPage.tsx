import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { fieldErrors } from '@shared/api/errors';
import { JoiningDetails, placesLeft } from '@shared/programme/registration';
import { formatDateTime } from '@shared/format';
import { sectorLabel } from '@shared/organisations';
import { useRegistrations, useSendInvitations, useSetJoining } from '../../api/programme';
import { errorList, ErrorSummary, errorsFromFailure, TextAreaField, TextField, type ErrorItem } from '../../components/forms';
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
      {event.abilities.includes('set-joining-details') && <JoiningForm meetingId={meetingId} current={event.joining} />}
      <h2 className="govuk-heading-m">
        {people.length} {people.length === 1 ? 'person has' : 'people have'} registered
      </h2>
      {event.session && placesLeft(event.session.format, event.counts).length > 0 && (
        <p className="govuk-body">
          <strong>Places left:</strong> {placesLeft(event.session.format, event.counts).map((p) => `${p.left} of ${p.of} for ${p.label}`).join('; ')}.
        </p>
      )}
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

/** The video call's link and details, sent only to those registered (the day before, and with any change of date). */
function JoiningForm({ meetingId, current }: { meetingId: string; current: JoiningDetails | null }) {
  const save = useSetJoining(meetingId);
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = { link: String(form.get('joining-link') ?? ''), details: String(form.get('joining-details') ?? '') };
    const parsed = JoiningDetails.safeParse(body);
    if (!parsed.success) return setErrors(errorList(prefixed(fieldErrors(parsed.error)), ['joining-link', 'joining-details']));
    setErrors([]);
    save.mutate(parsed.data, { onError: (error) => setErrors(errorsFromFailure(error, [], 'The joining details could not be saved. Try again.')) });
  }
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;
  return (
    <section aria-labelledby="joining-heading">
      <h2 className="govuk-heading-m" id="joining-heading">
        How to join the call
      </h2>
      <ErrorSummary errors={errors} />
      {save.isSuccess && (
        <p className="govuk-body" role="status">
          <strong>Saved.</strong> People registered see them on the event’s page and in their emails.
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <TextField id="joining-link" label="Link to join the call" hint="For example, the Teams or Zoom link, starting with https://" defaultValue={current?.link ?? ''} error={errorFor('joining-link')} />
        <TextAreaField id="joining-details" label="Other joining details (optional)" hint="For example, a meeting ID, passcode or dial-in number" rows={3} defaultValue={current?.details ?? ''} error={errorFor('joining-details')} />
        <button type="submit" className="govuk-button govuk-button--secondary" disabled={save.isPending}>
          Save joining details
        </button>
      </form>
    </section>
  );
}

const prefixed = (fields: Record<string, string>) => Object.fromEntries(Object.entries(fields).map(([field, message]) => [`joining-${field}`, message]));
