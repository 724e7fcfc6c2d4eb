import { useEffect, useState } from 'react';
import { goalsToLock } from '@shared/goals/book';
import { addGoalDraft } from '@shared/goals/drafts';
import type { MeetingDetail } from '@shared/meetings/detail';
import { isReviewKind } from '@shared/meetings/meeting';
import type { MeetingAction, MeetingStateEvent } from '@shared/realtime';
import { Link } from 'react-router';
import { useGoals } from '../../../api/goals';
import { Loading } from '../../../components/Layout';
import type { BoardConnection } from '../../../realtime/useBoard';
import { GoalDraftCard } from './GoalDraftCard';
import { GoalRatingCard } from './GoalRatingCard';
import { ActionButton, type ActionReply } from './ActionButton';
import { allows } from './abilities';

const newGoalId = () => `g${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`;

/** Drafting, agreeing and locking the three goals at the consultation. */
function Drafting({ detail, board, view, me, act }: { detail: MeetingDetail; board: BoardConnection; view: MeetingStateEvent; me: { id: string; name: string }; act: (a: MeetingAction) => Promise<ActionReply> }) {
  const [chosen, setChosen] = useState<string[]>([]);
  const drafts = board.goals;
  const stillChosen = chosen.filter((id) => drafts.some((d) => d.id === id));
  const shortlisted = drafts.filter((d) => view.goals.shortlist.includes(d.id));
  const ordered = [...shortlisted, ...drafts.filter((d) => !view.goals.shortlist.includes(d.id))];
  return (
    <section aria-labelledby="goals-heading">
      <h2 className="govuk-heading-m" id="goals-heading">
        Agree three SMART goals
      </h2>
      <p className="govuk-body">
        Anyone can propose a goal and edit any draft. Each goal should be Specific, Measurable, Achievable, Relevant and Time-bound, due by the 6-month review.
      </p>
      <button type="button" className="govuk-button govuk-button--secondary" disabled={!board.synced} onClick={() => addGoalDraft(board.goalsDoc, newGoalId(), me)}>
        Propose a goal
      </button>
      {drafts.length === 0 && <p className="govuk-body">No goals proposed yet.</p>}
      <div className="app-goals">
        {ordered.map((goal) => (
          <GoalDraftCard
            key={goal.id}
            goal={goal}
            number={drafts.indexOf(goal) + 1}
            board={board}
            view={view}
            me={me}
            act={act}
            mayChoose={allows(view, 'lock-goals')}
            reviewBy={detail.goalsReviewBy}
            chosen={stillChosen.includes(goal.id)}
            onChoose={(on) => setChosen((c) => (on ? [...c.filter((id) => id !== goal.id), goal.id] : c.filter((id) => id !== goal.id)))}
          />
        ))}
      </div>
      {allows(view, 'lock-goals') && (
        <div className="app-lock-bar">
          <p className="govuk-body govuk-!-margin-bottom-2" aria-live="polite">
            {stillChosen.length} of {goalsToLock} goals chosen
          </p>
          <ActionButton
            // The step to take once all three are chosen; before that, choosing them is.
            variant={stillChosen.length === goalsToLock ? 'primary' : 'secondary'}
            run={() => act({ type: 'lock-goals', goalIds: stillChosen })}
            confirm={{ question: 'Lock these goals? They become the site’s goals for the year; changing one afterwards is recorded with a reason.', yes: 'Yes, lock the goals' }}
            done="The goals are locked"
          >
            Lock the chosen goals
          </ActionButton>
        </div>
      )}
    </section>
  );
}

/**
 * The goals phase: at the consultation, drafting until the three goals are locked, then
 * their baseline ratings; at a review, re-rating each goal with its progress, barriers and actions.
 */
export function GoalsPhase({ detail, board, view, me, act }: { detail: MeetingDetail; board: BoardConnection; view: MeetingStateEvent; me: { id: string; name: string }; act: (a: MeetingAction) => Promise<ActionReply> }) {
  const { meeting } = detail;
  const goals = useGoals(meeting.siteId);
  const focused = view.goals.focus;
  useEffect(() => {
    if (!focused) return;
    // Everyone is brought to the goal the facilitator chose, except someone typing, who stays put.
    const typing = document.activeElement instanceof HTMLTextAreaElement || (document.activeElement instanceof HTMLInputElement && document.activeElement.type === 'text');
    if (!typing) document.getElementById(`goal-card-${focused}`)?.scrollIntoView({ block: 'start' });
  }, [focused]);
  if (!goals.data) return <Loading />;
  const isReview = isReviewKind(meeting.kind);
  if (!goals.data.locked) {
    if (meeting.kind === 'consultation') return <Drafting detail={detail} board={board} view={view} me={me} act={act} />;
    return <p className="govuk-body">No goals have been agreed for this site yet. They are agreed at the strategic consultation meeting.</p>;
  }
  return (
    <section aria-labelledby="goals-heading">
      <h2 className="govuk-heading-m" id="goals-heading">
        {isReview ? 'How far has each goal come?' : 'The three goals, and where we start'}
      </h2>
      <p className="govuk-body">
        Rate each goal from 0 to 10 on your own first; the facilitator then reveals the ratings and the group agrees one.{' '}
        <Link className="govuk-link" to={`/sites/${meeting.siteId}/goals`} target="_blank" rel="noopener">
          Goals and progress (opens in a new tab)
        </Link>
      </p>
      <div className="app-goals">
        {goals.data.goals.map((entry) => (
          <GoalRatingCard key={entry.goal.id} entry={entry} meeting={meeting} view={view} act={act} board={board} isReview={isReview} focused={focused === entry.goal.id} />
        ))}
      </div>
    </section>
  );
}
