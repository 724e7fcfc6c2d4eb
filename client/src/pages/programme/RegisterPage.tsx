import type { JoiningDetails } from '@shared/programme/registration';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '@shared/format';
import { sessionFormatLabels } from '@shared/programme/registration';
import { calendarUrl, useCancelRegistration, useRegister } from '../../api/programme';
import { errorsFromFailure, QuestionPage } from '../../components/forms';
import { useEventPage } from './useEventPage';

/** Registering for a meeting or tailored session: what, when, until when, and one button. */
export function RegisterPage() {
  const { meetingId = '' } = useParams();
  const { event, fallback } = useEventPage(meetingId);
  const register = useRegister(meetingId);
  const cancel = useCancelRegistration(meetingId);
  if (!event) return fallback;
  const failed = register.error ?? cancel.error;
  const errors = failed ? errorsFromFailure(failed, [], 'Your registration could not be saved. Try again.') : [];
  const back = `/sites/${event.meeting.siteId}`;
  // Those who may take part find the meeting itself from here, before it starts as well as during
  // (the site page's "Join" banner shows only once it is live).
  const takesPart = event.abilities.includes('take-part');
  const meetingPage = `/meetings/${meetingId}`;

  return (
    <QuestionPage back={back} errors={errors} caption="Register for an event" title={event.title}>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">When</dt>
          <dd className="govuk-summary-list__value">
            {formatDateTime(event.meeting.startsAt)}, for {event.meeting.durationMinutes} minutes
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Where</dt>
          <dd className="govuk-summary-list__value">
            Online, in this tool
            {takesPart && (
              <>
                {' – '}
                <Link className="govuk-link" to={meetingPage}>
                  go to the meeting’s page
                </Link>
              </>
            )}
          </dd>
        </div>
        {event.session && (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Format</dt>
            <dd className="govuk-summary-list__value">{sessionFormatLabels[event.session.format]}</dd>
          </div>
        )}
        {event.closesAt && (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Register by</dt>
            <dd className="govuk-summary-list__value">{formatDateTime(event.closesAt)}</dd>
          </div>
        )}
      </dl>
      {event.registered && (
        <div className="govuk-panel govuk-panel--confirmation">
          <h2 className="govuk-panel__title">You are registered</h2>
          <div className="govuk-panel__body">We will email you the joining details the day before.</div>
        </div>
      )}
      {event.registered && event.joining && <JoiningPanel joining={event.joining} />}
      {!event.open ? (
        <div className="govuk-inset-text">
          {takesPart ? (
            <>
              Registration for this event has closed, but you are invited: join it from{' '}
              <Link className="govuk-link" to={meetingPage}>
                the meeting’s page
              </Link>{' '}
              when it starts.
            </>
          ) : (
            'Registration for this event has closed. Contact the strategic lead if your plans change.'
          )}
        </div>
      ) : event.registered ? (
        <button type="button" className="govuk-button govuk-button--secondary" disabled={cancel.isPending} onClick={() => cancel.mutate(undefined)}>
          Cancel my registration
        </button>
      ) : (
        <button type="button" className="govuk-button" disabled={register.isPending} onClick={() => register.mutate(undefined)}>
          Register
        </button>
      )}
      <p className="govuk-body">
        <a className="govuk-link" href={calendarUrl(meetingId)} download>
          Add it to your calendar (.ics file)
        </a>
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to={back}>
          Back to the site
        </Link>
      </p>
    </QuestionPage>
  );
}

/** How to join the call, for those registered. */
function JoiningPanel({ joining }: { joining: JoiningDetails }) {
  return (
    <div className="govuk-inset-text">
      <h2 className="govuk-heading-s govuk-!-margin-bottom-2">How to join the call</h2>
      {joining.link && (
        <p className="govuk-body">
          <a className="govuk-link" href={joining.link} rel="noopener noreferrer" target="_blank">
            Join the call (opens in a new tab)
          </a>
        </p>
      )}
      {joining.details && <p className="govuk-body app-preserve-lines">{joining.details}</p>}
    </div>
  );
}
