import { Link } from 'react-router';
import { meetingKindLabels } from '@shared/meetings/meeting';
import { listedMeeting, type ListedStatus } from '@shared/programme/meeting-list';
import type { Ability } from '@shared/policy';
import { useSiteMeetings } from '../../api/meetings';
import { useTailoredSessions } from '../../api/programme';
import { formatDateTime } from '@shared/format';
import { NotificationBanner } from '../../components/NotificationBanner';

const statusTags: Record<ListedStatus, { label: string; className: string }> = {
  scheduled: { label: 'Scheduled', className: 'govuk-tag--blue' },
  open: { label: 'Open', className: 'govuk-tag--green' },
  live: { label: 'Live now', className: 'govuk-tag--green' },
  closed: { label: 'Closed', className: 'govuk-tag--grey' },
  cancelled: { label: 'Cancelled', className: 'govuk-tag--red' },
};

/**
 * At the top of the site page while one of its meetings is live: joining it is then the one
 * thing to do, and the list of meetings further down is below the fold on a phone.
 */
export function LiveMeetingBanner({ siteId }: { siteId: string }) {
  const meetings = useSiteMeetings(siteId);
  const live = meetings.data?.filter((meeting) => meeting.status === 'live') ?? [];
  if (!live.length) return null;
  return (
    <NotificationBanner id="live-meeting-title" title="Live now" role="region">
      {live.map((meeting) => (
        <p className="govuk-notification-banner__heading" key={meeting.id}>
          <Link className="govuk-notification-banner__link" to={`/meetings/${meeting.id}`}>
            Join the {meetingKindLabels[meeting.kind].toLowerCase()}
          </Link>
        </p>
      ))}
    </NotificationBanner>
  );
}

/** The site's meetings, soonest first, on the site page: a tailored session by its title, an online module open once its day has come. */
export function MeetingsSection({ siteId, abilities }: { siteId: string; abilities: readonly Ability[] }) {
  const meetings = useSiteMeetings(siteId);
  const sessions = useTailoredSessions(siteId);
  const now = new Date();
  return (
    <>
      <h2 className="govuk-heading-m">Meetings</h2>
      {meetings.data?.length === 0 && <p className="govuk-body">No meetings have been scheduled yet.</p>}
      {meetings.data && meetings.data.length > 0 && (
        <ul className="govuk-list app-meeting-list">
          {meetings.data.map((meeting) => {
            const summary = sessions.data?.find((s) => s.meeting.id === meeting.id);
            const listed = listedMeeting(meeting, summary ? { ...summary.session, registrationClosesAt: summary.registrationClosesAt } : null, now);
            const about = summary ? `“${summary.session.title}”` : `the ${meetingKindLabels[meeting.kind].toLowerCase()}`;
            return (
              <li key={meeting.id}>
                <Link className="govuk-link govuk-!-font-weight-bold" to={`/meetings/${meeting.id}`}>
                  {listed.name}
                </Link>{' '}
                <strong className={`govuk-tag ${statusTags[listed.status].className}`}>{statusTags[listed.status].label}</strong>
                <br />
                <span className="govuk-body-s">
                  {listed.status === 'open' ? `Opened ${formatDateTime(meeting.startsAt)}; people work through it in their own time` : formatDateTime(meeting.startsAt)}
                </span>
                {(listed.mayRegister || (listed.status !== 'cancelled' && abilities.includes('manage-events'))) && (
                  <span className="govuk-body-s">
                    {' '}
                    –{' '}
                    {listed.mayRegister && (
                      <Link className="govuk-link" to={`/meetings/${meeting.id}/register`}>
                        Register<span className="govuk-visually-hidden"> for {about}</span>
                      </Link>
                    )}
                    {listed.mayRegister && abilities.includes('manage-events') && ' · '}
                    {abilities.includes('manage-events') && (
                      <Link className="govuk-link" to={`/meetings/${meeting.id}/registrations`}>
                        Registrations<span className="govuk-visually-hidden"> for {about}</span>
                      </Link>
                    )}
                  </span>
                )}
              </li>
            );
          })}
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
