import { Suspense, useCallback, useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { DomainId } from '@shared/cascade/framework';
import type { MeetingDetail } from '@shared/meetings/detail';
import type { Me } from '@shared/api/auth';
import { useMeetingTransition } from '../../../api/meetings';
import { useHydrated } from '../../../components/hydrated';
import { Loading } from '../../../components/Layout';
import { useBoard } from '../../../realtime/useBoard';
import { useMeetingState } from '../../../realtime/useMeetingState';
import { replyOf } from './ActionButton';
import { BoardOverview } from './BoardOverview';
import { DomainTabs } from './DomainTabs';
import { MeetingHeader } from './MeetingHeader';
import type { NotesContext } from './Notes';
import { FacilitatorControls } from './FacilitatorControls';
import { ClosePhase, DomainPanel, GoalsPhase, loadEveryPhase, VotingPanel } from './phase-code';
import { WelcomePhase } from './WelcomePhase';
import { DomainRecordsByDomain } from './DomainRecords';
import { AnonymityNotice } from './AnonymityNotice';
import { allows } from './abilities';
import { DrivingControls, drivesNow } from './DrivingControls';
import { RunOfShowPanel } from './RunOfShowPanel';
import { PauseNotice, ReadyCheckNotice } from './MeetingNotices';
import { LoadProblem } from '../../../components/LoadProblem';

/** What a person is looking at in the domain review: the facilitator's focus, or their own choice. */
type Looking = DomainId | 'overview';

/** The live meeting: the phase everyone is in, the board, and for facilitators the controls. */
export function LiveBoard({ detail, me, justStarted = false }: { detail: MeetingDetail; me: Me; justStarted?: boolean }) {
  const { meeting, facilitates, earlier } = detail;
  const client = useQueryClient();
  const onStatus = useCallback(() => void client.invalidateQueries({ queryKey: ['meetings', meeting.id] }), [client, meeting.id]);
  const channel = useMeetingState(meeting.id, onStatus, detail.live);
  const board = useBoard(meeting.siteId, meeting.id, me);
  const close = useMeetingTransition(meeting.id, 'close');
  const [browsing, setBrowsing] = useState<Looking | null>(null);
  const hydrated = useHydrated();
  const view = channel.state;
  const following: Looking = view?.focus ?? 'overview';
  const shown: Looking = browsing ?? following;

  useEffect(loadEveryPhase, []);

  if (!view) return <Loading />;
  const paused = view.paused !== null;
  const notes: NotesContext = { notes: board.notes, themes: board.themes, view: view.notes, act: channel.act, mayAdd: allows(view, 'add-note') && !paused, readOnly: !board.synced || paused, draftKey: `drafts:${meeting.id}:${me.id}` };
  // The controls are for the facilitator driving: the server says who may, and which of the two does.
  const drives = drivesNow(view, me.id);
  const closeMeeting = () => replyOf(() => close.mutateAsync());

  return (
    // Drawn by the server, the board's controls wait (disabled) until the app has taken it over.
    <fieldset className="app-board" disabled={!hydrated} role="presentation">
      <MeetingHeader meeting={meeting} view={view} channel={channel} board={board} facilitates={facilitates} justStarted={justStarted} />
      <PauseNotice view={view} />
      <div className={facilitates ? 'app-board__layout app-board__layout--with-controls' : 'app-board__layout'}>
        <div className="app-board__main">
          <ReadyCheckNotice view={view} act={channel.act} />
          {/* While paused the board is read-only for everyone (the server refuses writes too). */}
          <fieldset className="app-board__paused-guard" disabled={paused} role="presentation">
          <LoadProblem resetKeys={[view.phase]}>
          <Suspense fallback={<Loading />}>
            {view.phase === 'welcome' && <WelcomePhase siteId={meeting.siteId} />}
            {view.phase === 'domain-review' && (
              <>
                <DomainTabs shown={shown} focus={following} onShow={(id) => setBrowsing(id === following ? null : id)} />
                {browsing !== null && browsing !== following && (
                  <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setBrowsing(null)}>
                    Back to where the facilitator is ({following === 'overview' ? 'the overview' : `domain ${following}`})
                  </button>
                )}
                {view.notes.privateDomain !== null && (
                  <div className="app-banner app-banner--private" role="status">
                    <strong>Writing privately in domain {view.notes.privateDomain}.</strong> Your notes there are seen only by you until the facilitator reveals everyone’s at once.{' '}
                    {view.notes.privateCount} {view.notes.privateCount === 1 ? 'note' : 'notes'} written so far.
                  </div>
                )}
                <AnonymityNotice anonymous={view.notes.anonymous} />
                {shown === 'overview' ? (
                  <BoardOverview notes={board.notes} agreed={view.agreed} focus={view.focus} areasOfNeed={view.areasOfNeed} onOpen={setBrowsing} />
                ) : (
                  <Suspense fallback={<Loading />}>
                    <DomainPanel domainId={shown} view={view} earlier={earlier} notes={notes} />
                  </Suspense>
                )}
                {/* Outside the choice above, so what is half typed for a domain outlives a look at the overview. */}
                <DomainRecordsByDomain shown={shown} siteId={meeting.siteId} view={view} act={channel.act} />
              </>
            )}
            {view.phase === 'areas-of-need' && <VotingPanel view={view} act={channel.act} />}
            {view.phase === 'goals' && <GoalsPhase detail={detail} board={board} view={view} me={me} act={channel.act} />}
            {view.phase === 'close' && <ClosePhase view={view} siteId={meeting.siteId} earlier={earlier} act={channel.act} />}
          </Suspense>
          </LoadProblem>
          </fieldset>
        </div>
        {facilitates && (
          <div className="app-board__side">
            {/* The driver's next step stays at the top, in view on a laptop screen, then the time; the
                supporter sees first who drives (and the offer of the controls if the driver drops). */}
            {drives && <FacilitatorControls meeting={meeting} view={view} act={channel.act} close={closeMeeting} />}
            {!drives && <DrivingControls meeting={meeting} view={view} act={channel.act} userId={me.id} />}
            <RunOfShowPanel meeting={meeting} view={view} clockOffset={channel.clockOffset} />
            {drives && <DrivingControls meeting={meeting} view={view} act={channel.act} userId={me.id} />}
          </div>
        )}
      </div>
    </fieldset>
  );
}
