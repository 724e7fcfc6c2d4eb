import { Link, useParams } from 'react-router';
import { domain } from '@shared/cascade/framework';
import { formatDateTime } from '@shared/format';
import { maxTailoredSessions, sessionFormatLabels } from '@shared/programme/registration';
import { useSite } from '../../api/hooks';
import { useTailoredSessions } from '../../api/programme';
import { Loading, ProblemPage } from '../../components/Layout';

/** The site's chosen tailored support sessions, each with its registrations and actions. */
export function TailoredSessionsPage() {
  const { siteId = '' } = useParams();
  const site = useSite(siteId);
  const sessions = useTailoredSessions(siteId);
  if (site.isPending || sessions.isPending) return <Loading />;
  if (site.isError || sessions.isError) return <ProblemPage title="Sorry, there is a problem" message="The sessions could not be loaded. Refresh the page to try again." />;
  const mayChoose = site.data.abilities.includes('choose-sessions');
  const left = maxTailoredSessions - sessions.data.length;

  return (
    <>
      <Link to={`/sites/${siteId}`} className="govuk-back-link">
        Back to {site.data.name}
      </Link>
      <span className="govuk-caption-l">{site.data.name}</span>
      <h1 className="govuk-heading-l">Tailored support sessions</h1>
      <p className="govuk-body">
        After the consultation meeting, the strategic lead chooses up to {maxTailoredSessions} sessions for local education and mental health professionals, based on the
        challenges and goals agreed.
      </p>
      {sessions.data.length === 0 ? (
        <p className="govuk-body">No sessions have been chosen yet.</p>
      ) : (
        <dl className="govuk-summary-list">
          {sessions.data.map(({ meeting, session, registered }) => (
            <div className="govuk-summary-list__row" key={meeting.id}>
              <dt className="govuk-summary-list__key">{session.title}</dt>
              <dd className="govuk-summary-list__value">
                <p className="govuk-body govuk-!-margin-bottom-1">
                  {sessionFormatLabels[session.format]}, {formatDateTime(meeting.startsAt)}
                </p>
                <p className="govuk-body-s govuk-!-margin-bottom-1">Content from: {session.domains.map((id) => domain(id).shortTitle).join('; ')}</p>
                <p className="govuk-body-s govuk-!-margin-bottom-0">{registered} registered</p>
              </dd>
              <dd className="govuk-summary-list__actions">
                <ul className="govuk-summary-list__actions-list">
                  <li className="govuk-summary-list__actions-list-item">
                    <Link className="govuk-link" to={`/meetings/${meeting.id}/register`}>
                      Register<span className="govuk-visually-hidden"> for {session.title}</span>
                    </Link>
                  </li>
                  {mayChoose && (
                    <li className="govuk-summary-list__actions-list-item">
                      <Link className="govuk-link" to={`/meetings/${meeting.id}/registrations`}>
                        Registrations<span className="govuk-visually-hidden"> for {session.title}</span>
                      </Link>
                    </li>
                  )}
                  <li className="govuk-summary-list__actions-list-item">
                    <Link className="govuk-link" to={`/meetings/${meeting.id}/actions`}>
                      Actions<span className="govuk-visually-hidden"> from {session.title}</span>
                    </Link>
                  </li>
                  <li className="govuk-summary-list__actions-list-item">
                    <Link className="govuk-link" to={`/meetings/${meeting.id}`}>
                      Board<span className="govuk-visually-hidden"> for {session.title}</span>
                    </Link>
                  </li>
                </ul>
              </dd>
            </div>
          ))}
        </dl>
      )}
      {mayChoose &&
        (left > 0 ? (
          <Link to={`/sites/${siteId}/tailored-sessions/new`} role="button" draggable="false" className="govuk-button">
            Choose a session ({left} of {maxTailoredSessions} left)
          </Link>
        ) : (
          <div className="govuk-inset-text">This site has chosen all {maxTailoredSessions} of its sessions.</div>
        ))}
    </>
  );
}
