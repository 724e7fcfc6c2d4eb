import { useParams } from 'react-router';
import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { cascadeDomains } from '@shared/cascade/framework';
import { phaseLabels } from '@shared/meetings/phases';
import { meetingKindLabels } from '@shared/meetings/meeting';
import { meetingShortName } from '@shared/meetings/earlier-ratings';
import type { MeetingStateEvent } from '@shared/realtime';
import type { GoalDraft } from '@shared/goals/smart';
import { draftOwnerLabel, goalOwnerLabel } from '@shared/goals/book';
import { formatDate } from '@shared/format';
import { ukTime } from '@shared/dates';
import { useMe } from '../../api/hooks';
import { useMeetingDetail } from '../../api/meetings';
import { useGoalThreads, useGoals } from '../../api/goals';
import { Loading, ProblemPage } from '../../components/Layout';
import { useBoard, type BoardConnection } from '../../realtime/useBoard';
import { useMeetingState } from '../../realtime/useMeetingState';
import { AnonymityNotice } from './board/AnonymityNotice';
import { BoardOverview } from './board/BoardOverview';
import { ClosePhase } from './board/ClosePhase';
import { ReviewThread } from './board/ReviewThread';
import { DomainPanel } from './board/DomainPanel';
import { GboStrip } from './board/Distribution';
import { peopleIn } from './board/MeetingHeader';
import { Countdown, useEndTone } from './board/PhaseBar';
import { WelcomePhase } from './board/WelcomePhase';
import { MeetingNotLoaded } from './MeetingNotLoaded';
import { refusedByServer } from '../../api/http';

const noAction = async () => ({ ok: false as const, error: 'The presenter view changes nothing' });

/**
 * What the facilitator shares on the video call: the phase, the focused domain or the result of
 * a reveal or a vote, the timer and who is here, in large type, with no controls at all. It
 * follows the meeting by itself.
 */
export function PresenterView() {
  const { meetingId = '' } = useParams();
  const detail = useMeetingDetail(meetingId);
  const me = useMe();
  if (detail.isPending || me.isPending) return <Loading />;
  // As on the board: a failed second reading keeps the first, so the shared screen stays.
  if (!detail.data || !me.data || refusedByServer(detail.error)) return <MeetingNotLoaded error={detail.error ?? me.error} refused="Only people in the meeting can show it." />;
  if (!detail.data.participates) return <ProblemPage title="You do not have access to this meeting" message="Only people in the meeting can show it." />;
  if (detail.data.meeting.status !== 'live') {
    return (
      <div className="app-presenter">
        <h1 className="app-presenter__phase">{meetingKindLabels[detail.data.meeting.kind]}</h1>
        <p className="app-presenter__lead">{detail.data.meeting.status === 'closed' ? 'This meeting has closed. Thank you.' : 'The meeting will start shortly.'}</p>
        <WaitForStart meetingId={meetingId} />
      </div>
    );
  }
  return <LivePresenter meetingId={meetingId} siteId={detail.data.meeting.siteId} kind={detail.data.meeting.kind} earlier={detail.data.earlier} me={me.data} />;
}

function WaitForStart({ meetingId }: { meetingId: string }) {
  const client = useQueryClient();
  const onStatus = useCallback(() => void client.invalidateQueries({ queryKey: ['meetings', meetingId] }), [client, meetingId]);
  useMeetingState(meetingId, onStatus);
  return null;
}

function LivePresenter({ meetingId, siteId, kind, earlier, me }: { meetingId: string; siteId: string; kind: keyof typeof meetingKindLabels; earlier: Parameters<typeof DomainPanel>[0]['earlier']; me: { id: string; name: string } }) {
  const client = useQueryClient();
  const onStatus = useCallback(() => void client.invalidateQueries({ queryKey: ['meetings', meetingId] }), [client, meetingId]);
  const channel = useMeetingState(meetingId, onStatus);
  const board = useBoard(siteId, meetingId, me);
  const view = channel.state;
  // The presenter view has no controls: a tone is played here if it was chosen on the board in this browser.
  const [tone] = useEndTone();
  if (!view) return <Loading />;
  const people = peopleIn(board);
  return (
    <div className="app-presenter">
      <div className="app-presenter__header">
        <div className="app-presenter__title">
          {/* The meeting and who is in it on one line: a laptop's shared screen has little height to spare. */}
          <p className="app-presenter__kind">
            {meetingKindLabels[kind]} · <span className="app-presenter__people">{people.length} in the room: {people.join(', ')}</span>
          </p>
          <h1 className="app-presenter__phase">{phaseLabels[view.phase]}</h1>
        </div>
        {view.timer && <Countdown timer={view.timer} clockOffset={channel.clockOffset} sound={tone} />}
      </div>
      {view.paused && (
        <p className="app-banner app-banner--paused app-presenter__paused" data-testid="paused">
          <strong>Paused.</strong> {view.paused.message}
        </p>
      )}
      {view.readyCheck && (
        <p className="app-presenter__ready" data-testid="ready-check">
          <strong>
            Done writing: {view.readyCheck.ready.length}
          </strong>
          {view.readyCheck.ready.length > 0 && ` – ${view.readyCheck.ready.join(', ')}`}
        </p>
      )}
      {!channel.connected && <p className="app-banner app-banner--warning">Reconnecting…</p>}
      <PresentedPhase view={view} board={board} siteId={siteId} meetingId={meetingId} earlier={earlier} />

    </div>
  );
}

function PresentedPhase({ view, board, siteId, meetingId, earlier }: { view: MeetingStateEvent; board: BoardConnection; siteId: string; meetingId: string; earlier: Parameters<typeof DomainPanel>[0]['earlier'] }) {
  switch (view.phase) {
    case 'welcome':
      return <WelcomePhase siteId={siteId} />;
    case 'domain-review':
      return (
        <>
          {view.notes.privateDomain !== null && (
            <p className="app-banner app-banner--private">
              Writing privately in domain {view.notes.privateDomain}: {view.notes.privateCount} {view.notes.privateCount === 1 ? 'note' : 'notes'} so far, revealed all at once.
            </p>
          )}
          <AnonymityNotice anonymous={view.notes.anonymous} />
          {view.focus === null ? (
            <BoardOverview notes={board.notes} agreed={view.agreed} focus={null} areasOfNeed={view.areasOfNeed} large />
          ) : (
            <DomainPanel
              domainId={view.focus}
              view={view}
              earlier={earlier}
              notes={{ notes: board.notes, themes: board.themes, view: { ...view.notes, myPrivateNotes: [], mine: [] }, act: noAction, mayAdd: false, readOnly: true, draftKey: null }}
            />
          )}
        </>
      );
    case 'areas-of-need':
      return <VoteResult view={view} />;
    case 'goals':
      return <PresentedGoals view={view} board={board} siteId={siteId} meetingId={meetingId} />;
    case 'close':
      return <ClosePhase view={view} siteId={siteId} earlier={earlier} />;
  }
}

function VoteResult({ view }: { view: MeetingStateEvent }) {
  const { voting } = view;
  if (!voting.totals) {
    return (
      <p className="app-presenter__lead">
        {voting.status === 'open' ? `Voting is open: ${voting.voters} ${voting.voters === 1 ? 'person has' : 'people have'} voted. Votes stay hidden until they are shown.` : 'Voting will open shortly.'}
      </p>
    );
  }
  const max = Math.max(1, ...Object.values(voting.totals));
  return (
    <table className="app-vote-result">
      <caption className="app-presenter__lead">The votes, from {voting.voters} people</caption>
      <tbody>
        {cascadeDomains.map((d) => (
          <tr key={d.id} className={view.areasOfNeed.includes(d.id) ? 'app-vote-result__need' : undefined}>
            <th scope="row">
              {d.id}. {d.shortTitle}
              {view.areasOfNeed.includes(d.id) && <span className="govuk-tag govuk-tag--orange govuk-!-margin-left-2">Area of greatest need</span>}
            </th>
            <td>
              <span className="app-vote-result__bar" style={{ width: `${(voting.totals![d.id] / max) * 100}%` }} aria-hidden="true" />
              <span className="app-vote-result__count">{voting.totals![d.id]}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The goals as the room sees them. Once locked, each shows its agreed ratings: those of earlier
 * meetings, and this meeting's as soon as it is recorded (the shared screen said "0 rated so far"
 * after the group had agreed one). When the facilitator has brought everyone to one goal, the
 * screen shows that goal alone, at a review with what has happened since it was last rated.
 */
function PresentedGoals({ view, board, siteId, meetingId }: { view: MeetingStateEvent; board: BoardConnection; siteId: string; meetingId: string }) {
  const goals = useGoals(siteId);
  const focus = view.goals.focus;
  const threads = useGoalThreads(meetingId, siteId, focus !== null);
  if (goals.data?.locked) {
    const shown = goals.data.goals.filter((entry) => focus === null || entry.goal.id === focus);
    return (
      <ol className="app-presenter__goals" start={shown[0]?.goal.position ?? 1}>
        {shown.map((entry) => {
          const { goal, series } = entry;
          const here = series.find((s) => s.meetingId === meetingId);
          const before = series.filter((s) => s.meetingId !== meetingId);
          return (
            <li key={goal.id}>
              <p className="app-presenter__goal">{goal.draft.wording}</p>
              <GoalDetail draft={goal.draft} owner={goalOwnerLabel(entry)} />
              {before.length > 0 && <p className="app-presenter__goal-detail">{before.map((s) => `At ${meetingShortName(s.meetingKind)}: ${s.rating} out of 10`).join(' · ')}</p>}
              {view.goals.revealedRatings[goal.id] ? (
                <GboStrip caption="Everyone’s own ratings" counts={view.goals.revealedRatings[goal.id]!} />
              ) : (
                !here && <p>{view.goals.raters[goal.id] ?? 0} rated so far</p>
              )}
              {here && (
                <p className="app-presenter__goal-detail">
                  <strong>Agreed {before.length ? 'now' : 'at this meeting'}: {here.rating} out of 10</strong>
                </p>
              )}
              {focus !== null && before.length > 0 && <ReviewThread thread={threads.data?.find((t) => t.goalId === goal.id)} />}
            </li>
          );
        })}
      </ol>
    );
  }
  return (
    <ol className="app-presenter__goals">
      {board.goals.map((g) => (
        <li key={g.id}>
          <p className="app-presenter__goal">{g.draft.wording || 'A goal being drafted…'}</p>
          <GoalDetail draft={g.draft} />
          {view.goals.shortlist.includes(g.id) && <span className="govuk-tag govuk-tag--blue">Shortlisted</span>}
        </li>
      ))}
    </ol>
  );
}

/**
 * What makes a goal SMART, under its wording, so the room discusses the goal and not only its
 * headline: how it is measured, the target, who owns it and by when. Only what has been written.
 */
/** `owner`: a locked goal's, named in the meeting (`goalOwnerLabel`); a draft's is what it says. */
function GoalDetail({ draft, owner = draftOwnerLabel(draft) }: { draft: GoalDraft; owner?: string }) {
  const parts: [string, string][] = [
    ['Measured by', draft.measurable.measure],
    ['Target', draft.measurable.target],
    ['Owner', owner],
    ['By', draft.dueDate ? formatDate(ukTime(draft.dueDate, 12)) : ''],
  ];
  const written = parts.filter(([, text]) => text.trim() !== '');
  if (!written.length) return null;
  return (
    <dl className="app-presenter__goal-detail">
      {written.map(([label, text]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{text}</dd>
        </div>
      ))}
    </dl>
  );
}

