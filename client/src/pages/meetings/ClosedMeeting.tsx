import { useState } from 'react';
import { Link } from 'react-router';
import { noteListLabels } from '@shared/cascade/board';
import { cascadeDomains, ratingLabels, type DomainId } from '@shared/cascade/framework';
import type { MeetingDetail } from '@shared/meetings/detail';
import { domainHistory } from '@shared/meetings/earlier-ratings';
import { meetingKindLabels } from '@shared/meetings/meeting';
import { sectorLabel } from '@shared/organisations';
import { useMeetingSnapshot } from '../../api/meetings';
import { Loading } from '../../components/Layout';
import { Table } from '../../components/Table';
import { formatDateTime, formatTime } from '@shared/format';
import { Distribution } from './board/Distribution';
import { DomainTabs } from './board/DomainTabs';
import { GoalsAgreed } from './board/ClosePhase';
import { RecordedAtMeeting } from './board/RecordedAtMeeting';
import { useGoals } from '../../api/goals';

/** The frozen record of a closed meeting, read-only. */
export function ClosedMeeting({ detail }: { detail: MeetingDetail }) {
  const snapshot = useMeetingSnapshot(detail.meeting.id, true);
  const goals = useGoals(detail.meeting.siteId);
  const [shown, setShown] = useState<DomainId>(1);
  if (snapshot.isPending) return <Loading />;
  if (snapshot.isError) return <p className="govuk-body">The record of this meeting could not be loaded.</p>;
  const { facilitation, board, attendance, preRatingDistributions, closedAt } = snapshot.data;
  const agreed = facilitation.agreed.find((a) => a.domain === shown);
  const history = domainHistory(detail.earlier, shown);
  const distribution = facilitation.revealed.find((r) => r.domain === shown)?.distribution ?? preRatingDistributions.find((d) => d.domain === shown)?.distribution;

  return (
    <>
      <span className="govuk-caption-l">{meetingKindLabels[detail.meeting.kind]}</span>
      <h1 className="govuk-heading-l">Record of the meeting</h1>
      <p className="govuk-body">
        {snapshot.data.meeting.startedAt ? `Started ${formatDateTime(snapshot.data.meeting.startedAt)}` : `Held ${formatDateTime(detail.meeting.startsAt)}`}; closed {formatDateTime(closedAt)}. This record cannot be
        changed.
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/meetings/${detail.meeting.id}/report`}>
          Read the meeting report
        </Link>{' '}
        (to print, download as a PDF or send to the people who attended)
      </p>
      {detail.participates && !detail.facilitates && (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/sites/${detail.meeting.siteId}/evaluation/feedback?meeting=${detail.meeting.id}`}>
            Give feedback on this meeting
          </Link>
        </p>
      )}
      {facilitation.areasOfNeed.length > 0 && (
        <div className="govuk-inset-text">
          <strong>Areas of greatest need:</strong> {facilitation.areasOfNeed.map((d) => `${d}. ${cascadeDomains[d - 1]!.shortTitle}`).join('; ')}
        </div>
      )}
      <DomainTabs<DomainId> shown={shown} focus={null} onShow={setShown} withOverview={false} />
      <h2 className="govuk-heading-m">{cascadeDomains[shown - 1]!.title}</h2>
      {history.map((then) => (
        <p className="govuk-body" key={then.at}>
          <strong>At {then.at}:</strong> {then.rating} – {ratingLabels[then.rating]}
        </p>
      ))}
      <p className="govuk-body">
        <strong>Agreed rating:</strong> {agreed ? `${agreed.rating} – ${ratingLabels[agreed.rating]}. ${agreed.rationale}` : 'none recorded'}
      </p>
      {distribution && <Distribution distribution={distribution} caption="Ratings before the meeting" />}
      <div className="app-domain__notes">
        {(['strength', 'challenge'] as const).map((list) => (
          <section key={list} className={`app-notes app-notes--${list}`}>
            <h3 className="govuk-heading-s">{noteListLabels[list]}</h3>
            <ul className="app-notes__list">
              {board
                .filter((n) => n.domain === shown && n.list === list)
                .map((n) => (
                  <li key={n.id} className="app-note">
                    <p className="govuk-body govuk-!-margin-bottom-1">{n.text}</p>
                    <p className="app-note__meta">{n.authorName || 'Anonymous'}</p>
                  </li>
                ))}
            </ul>
          </section>
        ))}
      </div>
      <GoalsAgreed goals={goals.data?.goals} />
      <h2 className="govuk-heading-m">Actions and decisions</h2>
      <RecordedAtMeeting overview={goals.data} meetingId={detail.meeting.id} />
      <h2 className="govuk-heading-m">Who attended</h2>
      <Table
        caption="Attendance register"
        // Three columns, the sector under the organisation and the time without the day (said
        // above), so the register fits a phone's width without scrolling sideways.
        head={['Name', 'Organisation and sector', 'Joined at']}
        rows={attendance.map((a) => ({
          key: a.userId,
          cells: [
            a.name,
            <>
              {a.organisation}
              <br />
              <span className="govuk-body-s govuk-!-margin-bottom-0">{sectorLabel(a.sector)}</span>
            </>,
            formatTime(a.firstJoinedAt),
          ],
        }))}
      />
    </>
  );
}
