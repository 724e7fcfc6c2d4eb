import { Link } from 'react-router';
import { meetingKindLabels, type MeetingStatus } from '@shared/meetings/meeting';
import type { Ability } from '@shared/policy';
import { useSiteMeetings } from '../../api/meetings';
import { formatDateTime } from '@shared/format';

const statusTags: Record<MeetingStatus, { label: string; className: string }> = {
  scheduled: { label: 'Scheduled', className: 'govuk-tag--blue' },
  live: { label: 'Live now', className: 'govuk-tag--green' },
  closed: { label: 'Closed', className: 'govuk-tag--grey' },
  cancelled: { label: 'Cancelled', className: 'govuk-tag--red' },
};

/** The site's meetings, soonest first, on the site page. */
export function MeetingsSection({ siteId, abilities }: { siteId: string; abilities: readonly Ability[] }) {
  const meetings = useSiteMeetings(siteId);
  return (
    <>
      <h2 className="govuk-heading-m">Meetings</h2>
      {meetings.data?.length === 0 && <p className="govuk-body">No meetings have been scheduled yet.</p>}
      {meetings.data && meetings.data.length > 0 && (
        <ul className="govuk-list app-meeting-list">
          {meetings.data.map((meeting) => (
            <li key={meeting.id}>
              <Link className="govuk-link govuk-!-font-weight-bold" to={`/meetings/${meeting.id}`}>
                {meetingKindLabels[meeting.kind]}
              </Link>{' '}
              <strong className={`govuk-tag ${statusTags[meeting.status].className}`}>{statusTags[meeting.status].label}</strong>
              <br />
              <span className="govuk-body-s">{formatDateTime(meeting.startsAt)}</span>
              {meeting.status === 'scheduled' && (
                <span className="govuk-body-s">
                  {' '}
                  –{' '}
                  <Link className="govuk-link" to={`/meetings/${meeting.id}/register`}>
                    Register<span className="govuk-visually-hidden"> for the {meetingKindLabels[meeting.kind].toLowerCase()}</span>
                  </Link>
                  {abilities.includes('manage-events') && (
                    <>
                      {' '}
                      ·{' '}
                      <Link className="govuk-link" to={`/meetings/${meeting.id}/registrations`}>
                        Registrations<span className="govuk-visually-hidden"> for the {meetingKindLabels[meeting.kind].toLowerCase()}</span>
                      </Link>
                    </>
                  )}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {abilities.includes('schedule-meeting') && (
        <Link to={`/sites/${siteId}/meetings/new`} role="button" draggable="false" className="govuk-button govuk-button--secondary">
          Schedule a meeting
        </Link>
      )}
    </>
  );
}
