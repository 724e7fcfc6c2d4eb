import { useCallback, useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { cascadeDomains, ratingLabels, type DomainId } from '@shared/cascade/framework';
import { phaseLabels } from '@shared/meetings/facilitation';
import { meetingBoardDocName, meetingKindLabels, type MeetingDetail, type MeetingStatus } from '@shared/meetings/meeting';
import type { Me } from '@shared/api/auth';
import { useMeetingTransition } from '../../../api/meetings';
import { Loading } from '../../../components/Layout';
import { useBoard } from '../../../realtime/useBoard';
import { useMeetingState } from '../../../realtime/useMeetingState';
import { DomainPanel, DomainTabs } from './DomainPanel';
import { FacilitatorControls } from './FacilitatorControls';
import { GoalsPhase } from './GoalsPhase';
import { Countdown, PhaseBar } from './PhaseBar';
import { VotingPanel } from './VotingPanel';
import { useSiteSurveys } from '../../../api/surveys';
import { Link } from 'react-router';

/** The site's survey results, which the welcome phase opens with (once the rules allow any). */
function SurveyLinks({ siteId }: { siteId: string }) {
  const surveys = useSiteSurveys(siteId);
  const campaigns = surveys.data ?? [];
  if (!campaigns.length) return <p className="govuk-body">No survey of schools and colleges was run for this site.</p>;
  return (
    <ul className="govuk-list">
      {campaigns.map((c) => (
        <li key={c.id}>
          <Link className="govuk-link" to={`/surveys/${c.id}`} target="_blank" rel="noopener">
            {c.title} (opens in a new tab)
          </Link>
          {' – '}
          {c.released ? `${c.completed} completed; results available` : `${c.completed} completed; results are shown once ${c.threshold} are complete`}
        </li>
      ))}
    </ul>
  );
}

/** The live meeting: the phase everyone is in, the board, and for facilitators the controls. */
export function LiveBoard({ detail, me }: { detail: MeetingDetail; me: Me }) {
  const { meeting, facilitates, baseline } = detail;
  const client = useQueryClient();
  const onStatus = useCallback((_status: MeetingStatus) => void client.invalidateQueries({ queryKey: ['meetings', meeting.id] }), [client, meeting.id]);
  const channel = useMeetingState(meeting.id, onStatus);
  const board = useBoard(meetingBoardDocName(meeting.siteId, meeting.id), me);
  const close = useMeetingTransition(meeting.id, 'close');
  const [browsing, setBrowsing] = useState<DomainId | null>(null);
  const view = channel.state;
  const shown: DomainId = browsing ?? view?.focus ?? 1;

  // Tell others which domain we are looking at.
  useEffect(() => {
    board.setPresence({ domain: shown });
  }, [shown]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!view) return <Loading />;
  const people = [...new Map(board.presence.map((p) => [p.userId, p.name])).values()];

  return (
    <div className="app-board">
      <div className="app-board__header">
        <div>
          <span className="govuk-caption-m">{meetingKindLabels[meeting.kind]}</span>
          <h1 className="govuk-heading-l govuk-!-margin-bottom-2">{phaseLabels[view.phase]}</h1>
        </div>
        {view.timer && <Countdown endsAt={view.timer.endsAt} clockOffset={channel.clockOffset} />}
      </div>
      <PhaseBar phase={view.phase} kind={meeting.kind} />
      <p className="govuk-body-s app-board__people" aria-live="polite">
        In the room ({people.length}): {people.join(', ')}
        {!channel.connected && <strong className="govuk-tag govuk-tag--yellow govuk-!-margin-left-2">Reconnecting…</strong>}
        {board.notice && <strong className="govuk-tag govuk-tag--yellow govuk-!-margin-left-2" title={board.notice}>Not saved yet – retrying</strong>}
      </p>
      {(channel.error || board.problem) && (
        <div className="govuk-error-summary" role="alert">
          <div className="govuk-error-summary__body">{channel.error ?? board.problem}</div>
        </div>
      )}

      <div className={facilitates ? 'app-board__layout app-board__layout--with-controls' : 'app-board__layout'}>
        <div className="app-board__main">
          {view.phase === 'welcome' && (
            <section>
              <p className="govuk-body-l">Welcome. Today we look at how education and mental health services work together here, domain by domain, and agree where to focus.</p>
              <h2 className="govuk-heading-m">Survey of schools and colleges</h2>
              <SurveyLinks siteId={meeting.siteId} />
              <h2 className="govuk-heading-m">The seven CASCADE domains</h2>
              <ol className="govuk-list govuk-list--number">
                {cascadeDomains.map((d) => (
                  <li key={d.id}>{d.title}</li>
                ))}
              </ol>
            </section>
          )}
          {view.phase === 'domain-review' && (
            <>
              <DomainTabs shown={shown} focus={view.focus} onShow={(id) => setBrowsing(id === view.focus ? null : id)} />
              {browsing !== null && view.focus !== null && browsing !== view.focus && (
                <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setBrowsing(null)}>
                  Back to the facilitator (domain {view.focus})
                </button>
              )}
              <DomainPanel domainId={shown} view={view} baseline={baseline} board={board} me={me} readOnly={false} />
            </>
          )}
          {view.phase === 'areas-of-need' && <VotingPanel view={view} act={channel.act} />}
          {view.phase === 'goals' && <GoalsPhase detail={detail} board={board} view={view} me={me} act={channel.act} />}
          {view.phase === 'close' && (
            <section>
              <h2 className="govuk-heading-m">What we agreed</h2>
              <dl className="govuk-summary-list">
                {cascadeDomains.map((d) => {
                  const agreed = view.agreed.find((a) => a.domain === d.id);
                  return (
                    <div className="govuk-summary-list__row" key={d.id}>
                      <dt className="govuk-summary-list__key">
                        {d.id}. {d.shortTitle}
                      </dt>
                      <dd className="govuk-summary-list__value">{agreed ? `${agreed.rating} – ${ratingLabels[agreed.rating]}` : 'No agreed rating'}</dd>
                    </div>
                  );
                })}
              </dl>
            </section>
          )}
        </div>
        {facilitates && <FacilitatorControls kind={meeting.kind} view={view} act={channel.act} onClose={() => close.mutate()} />}
      </div>
    </div>
  );
}
