import { useState } from 'react';
import { goalOwnerLabel, type GoalProgressEntry } from '@shared/goals/book';
import { ensureReviewNotes, reviewNoteText, reviewTextLimits, type ReviewTextField } from '@shared/goals/drafts';
import { gboMax } from '@shared/goals/gbo';
import { meetingKindLabels, type Meeting } from '@shared/meetings/meeting';
import type { MeetingAction, MeetingStateEvent } from '@shared/realtime';
import { CollabTextarea } from '../../../components/CollabTextarea';
import type { BoardConnection } from '../../../realtime/useBoard';
import { ActionList, tickRefusal } from '../../../components/actions';
import { useGoalThreads, useSetGoalActionDone } from '../../../api/goals';
import { useMe, useSite } from '../../../api/hooks';
import { mayAsOwner } from '@shared/policy';
import { ReviewThread } from './ReviewThread';
import { NameOwnerForm } from '../../goals/GoalThread';
import { RecordActionForm, RecordDecisionForm } from './RecordInMeeting';
import { GboStrip } from './Distribution';
import { ActionButton, ActionOutcome, attempt, type ActionReply } from './ActionButton';
import { allows } from './abilities';

const gboValues = Array.from({ length: gboMax + 1 }, (_, i) => i);
const reviewFields: { field: ReviewTextField; label: string }[] = [
  { field: 'progress', label: 'Progress made' },
  { field: 'barriers', label: 'Barriers' },
  { field: 'overcome', label: 'How to overcome them' },
];

function GboRadios({ name, value, onChange, legend, disabled }: { name: string; value: number | null; onChange: (v: number) => void; legend: string; disabled?: boolean }) {
  return (
    <fieldset className="govuk-fieldset" aria-describedby={`${name}-hint`}>
      <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
      <div className="govuk-hint" id={`${name}-hint`}>
        0 means no progress towards the goal, 5 half way, 10 the goal fully reached
      </div>
      <div className="govuk-radios govuk-radios--small govuk-radios--inline app-gbo-scale">
        {gboValues.map((v) => (
          <div className="govuk-radios__item" key={v}>
            <input className="govuk-radios__input" id={`${name}-${v}`} name={name} type="radio" checked={value === v} disabled={disabled} onChange={() => onChange(v)} />
            <label className="govuk-label govuk-radios__label" htmlFor={`${name}-${v}`}>
              {v}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

function ReviewNotes({ board, goalId }: { board: BoardConnection; goalId: string }) {
  if (!board.synced) return null;
  if (!reviewNoteText(board.goalsDoc, goalId, 'progress')) {
    return (
      <button type="button" className="govuk-button govuk-button--secondary" onClick={() => ensureReviewNotes(board.goalsDoc, goalId)}>
        Record progress and barriers
      </button>
    );
  }
  return (
    <>
      {reviewFields.map(({ field, label }) => (
        <div className="govuk-form-group govuk-!-margin-bottom-3" key={field}>
          <label className="govuk-label govuk-label--s" htmlFor={`${goalId}-review-${field}`}>
            {label}
          </label>
          <CollabTextarea id={`${goalId}-review-${field}`} className="govuk-textarea govuk-!-margin-bottom-0" rows={2} text={reviewNoteText(board.goalsDoc, goalId, field)!} maxLength={reviewTextLimits[field]} />
        </div>
      ))}
    </>
  );
}

/** A locked goal in a meeting: private ratings, the reveal, the agreed rating and, at reviews, notes and actions. */
/** `focused`: the goal the facilitator has brought everyone to, marked so each person can see where the room is. */
export function GoalRatingCard(props: { entry: GoalProgressEntry; meeting: Meeting; view: MeetingStateEvent; act: (a: MeetingAction) => Promise<ActionReply>; board: BoardConnection; isReview: boolean; focused: boolean }) {
  const { entry, meeting, view, act, board, isReview, focused } = props;
  const { goal, series } = entry;
  const owner = goalOwnerLabel(entry);
  const summary = [goal.draft.measurable.target.trim() && `Target: ${goal.draft.measurable.target}`, owner && `Owner: ${owner}`].filter(Boolean).join(' · ');
  const here = series.find((s) => s.meetingId === meeting.id);
  const earlier = series.filter((s) => s.meetingId !== meeting.id);
  const myRating = view.goals.myRatings[goal.id] ?? null;
  const revealed = view.goals.revealedRatings[goal.id];
  // What this person may do with this goal now, as the server worked it out (role, phase, reveal).
  const may = view.goals.abilities[goal.id] ?? { rate: false, reveal: false, recordRating: false };
  const [mine, setMine] = useState<number | null>(null);
  const [agreed, setAgreed] = useState<number | null>(null);
  const [mineOutcome, setMineOutcome] = useState<ActionReply | null>(null);
  const [agreedOutcome, setAgreedOutcome] = useState<ActionReply | null>(null);
  const setDone = useSetGoalActionDone(meeting.siteId);
  const threads = useGoalThreads(meeting.id, meeting.siteId, isReview);
  const site = useSite(meeting.siteId).data;
  const me = useMe().data;
  const members = site?.members ?? [];
  const tie = { goalId: goal.id, domainId: null };

  return (
    <article className={`app-goal${focused ? ' app-goal--focused' : ''}`} id={`goal-card-${goal.id}`} aria-labelledby={`${goal.id}-title`}>
      {focused && <strong className="govuk-tag govuk-tag--blue app-goal__here">The group is here</strong>}
      <h3 className="govuk-heading-s govuk-!-margin-bottom-1" id={`${goal.id}-title`}>
        Goal {goal.position}: {goal.draft.wording}
      </h3>
      <p className="govuk-body-s govuk-!-margin-bottom-2">{summary || 'No target or owner recorded yet.'}</p>
      {/* The owner is chosen in the meeting, by the lead or a facilitator, as soon as the goals are locked. */}
      {site?.abilities.includes('name-goal-owner') && <NameOwnerForm siteId={meeting.siteId} entry={entry} members={site.members} />}
      {isReview && <ReviewThread thread={threads.data?.find((t) => t.goalId === goal.id)} />}
      {earlier.length > 0 && (
        <p className="govuk-body-s">
          Earlier ratings: {earlier.map((s) => `${meetingKindLabels[s.meetingKind]} ${s.rating}`).join(' · ')}
        </p>
      )}
      <p className="govuk-body">
        {here ? (
          <>
            Agreed rating at this meeting: <strong className="app-goal__rating">{here.rating} out of 10</strong>
          </>
        ) : (
          'No agreed rating at this meeting yet.'
        )}
      </p>

      {may.rate && (
        <form
          className="govuk-!-margin-bottom-4"
          onSubmit={(e) => {
            e.preventDefault();
            const rating = mine ?? myRating;
            void send(setMineOutcome, async () => (rating === null ? { ok: false, error: 'Choose a rating from 0 to 10' } : act({ type: 'rate-goal-privately', goalId: goal.id, rating })));
          }}
        >
          <GboRadios name={`${goal.id}-mine`} legend="Your own rating (only the count is shown to others)" value={mine ?? myRating} onChange={setMine} />
          <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-top-2">
            Save my rating
          </button>
          <span className="govuk-body-s govuk-!-margin-left-2">{view.goals.raters[goal.id] ?? 0} rated so far</span>
          <ActionOutcome pending={false} outcome={mineOutcome} done="Your rating is saved; only the count is shown" />
        </form>
      )}
      {revealed && <GboStrip caption="Everyone’s own ratings" counts={revealed} />}

      {(may.reveal || may.recordRating) && (
        <div className="app-goal__facilitator">
          {may.reveal && (
            <ActionButton run={() => act({ type: 'reveal-goal-ratings', goalId: goal.id })} done="Shown to everyone">
              Reveal everyone’s ratings
            </ActionButton>
          )}
          {may.recordRating && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                const rating = agreed ?? here?.rating ?? null;
                // Pressed with nothing chosen, the button says so rather than doing nothing.
                if (rating === null) setAgreedOutcome({ ok: false, error: 'Choose the agreed rating, from 0 to 10' });
                else void send(setAgreedOutcome, () => act({ type: 'record-goal-rating', goalId: goal.id, rating }));
              }}
            >
              <GboRadios name={`${goal.id}-agreed`} legend={isReview ? 'Agreed rating now' : 'Agreed baseline rating'} value={agreed ?? here?.rating ?? null} onChange={setAgreed} />
              <button type="submit" className="govuk-button govuk-!-margin-bottom-0 govuk-!-margin-top-2">
                Record agreed rating
              </button>
              <ActionOutcome pending={false} outcome={agreedOutcome} done="Agreed rating recorded" />
            </form>
          )}
        </div>
      )}

      {isReview && (
        <>
          <h4 className="govuk-heading-s govuk-!-margin-top-4">Review</h4>
          <ReviewNotes board={board} goalId={goal.id} />
          <ActionList
            actions={entry.openActions}
            caption="Open actions"
            mayTick={(action) => !!me && mayAsOwner('complete-action', site?.abilities ?? [], action.ownerId, me.id)}
            onDone={(actionId, done) => setDone.mutate({ actionId, done })}
            refusal={tickRefusal(setDone)}
          />
        </>
      )}
      {allows(view, 'record-action') && <RecordActionForm idPrefix={goal.id} tie={tie} members={members} act={act} />}
      {allows(view, 'record-decision') && <RecordDecisionForm idPrefix={goal.id} tie={tie} act={act} />}
    </article>
  );
}

async function send(show: (reply: ActionReply) => void, run: () => Promise<ActionReply>) {
  show(await attempt(run));
}
