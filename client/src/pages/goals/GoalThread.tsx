import { useState } from 'react';
import { Link } from 'react-router';
import type { Member } from '@shared/api/sites';
import type { DomainId } from '@shared/cascade/framework';
import type { GoalProgressEntry } from '@shared/goals/book';
import { confidenceTags, decisionTextLimit, type CheckIn, type Confidence } from '@shared/goals/thread-schemas';
import { formatDate } from '@shared/format';
import { useNameGoalOwner, useRecordDecision } from '../../api/goals';
import { FieldMessages, FormDisclosure, errorsFromFailure } from '../../components/forms';
import { CharacterCountField } from '../../components/character-count';
import { DomainOptions, MemberOptions } from '../../components/options';

const tagColours: Record<Confidence, string> = { likely: 'govuk-tag--green', 'at-risk': 'govuk-tag--yellow', unlikely: 'govuk-tag--red' };

function ConfidenceTag({ confidence }: { confidence: Confidence }) {
  return <strong className={`govuk-tag ${tagColours[confidence]}`}>{confidenceTags[confidence]}</strong>;
}

/**
 * Names the goal's owner from the site's members: for the lead and facilitators, in a meeting or
 * between. Sent as chosen, "Choose a member of the site" too: the server's refusal (nobody chosen,
 * or someone no longer a member) is said beside the select and in the summary, as GOV.UK asks.
 */
export function NameOwnerForm({ siteId, entry, members }: { siteId: string; entry: GoalProgressEntry; members: Member[] }) {
  const name = useNameGoalOwner(siteId, entry.goal.id);
  const [open, setOpen] = useState(false);
  const id = `owner-${entry.goal.id}`;
  const errors = name.isError ? errorsFromFailure(name.error, ['ownerId'], 'The owner could not be saved. Try again.').map((e) => ({ ...e, field: e.field && id })) : [];
  const error = errors.find((e) => e.field === id)?.message;
  return (
    <FormDisclosure summary={entry.owner ? 'Change the owner' : 'Name the owner'} errors={errors} open={open} onToggle={setOpen}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const ownerId = String(new FormData(event.currentTarget).get(id) ?? '');
          name.mutate({ ownerId }, { onSuccess: () => setOpen(false) });
        }}
      >
        <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label" htmlFor={id}>
            Who owns goal {entry.goal.position}
          </label>
          <FieldMessages id={id} hint="They are asked to check in each month between reviews." error={error} />
          <select className={`govuk-select${error ? ' govuk-select--error' : ''}`} id={id} name={id} defaultValue={entry.owner?.id ?? ''} aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}>
            <option value="">Choose a member of the site</option>
            <MemberOptions members={members} />
          </select>
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" disabled={name.isPending}>
          Save owner
        </button>
      </form>
    </FormDisclosure>
  );
}

/**
 * Records a decision: about a goal, or (without one) about a domain or the programme as a whole.
 * Between meetings, by the lead or a facilitator (at a meeting it is a meeting action, see board/RecordInMeeting.tsx).
 */
export function RecordDecisionForm({ siteId, goalId }: { siteId: string; goalId: string | null }) {
  const record = useRecordDecision(siteId);
  const [key, setKey] = useState(0);
  // One id per decision written, kept across tries: sent again after a lost answer, it is recorded once.
  const [changeId, setChangeId] = useState(() => crypto.randomUUID());
  const id = `decision-${goalId ?? 'site'}`;
  const errors = record.isError ? errorsFromFailure(record.error, ['text'], 'The decision could not be saved. Try again.').map((e) => ({ ...e, field: e.field && id })) : [];
  return (
    <FormDisclosure summary="Record a decision" errors={errors}>
      <form
        key={key}
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const text = String(form.get(id) ?? '');
          const domain = Number(form.get(`${id}-domain`) ?? 0);
          record.mutate(
            { text, goalId, domainId: domain ? (domain as DomainId) : null, changeId },
            {
              onSuccess: () => {
                setKey((k) => k + 1);
                setChangeId(crypto.randomUUID());
              },
            },
          );
        }}
      >
        {goalId === null && (
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor={`${id}-domain`}>
              What it is about
            </label>
            <select className="govuk-select" id={`${id}-domain`} name={`${id}-domain`} defaultValue="0">
              <option value="0">The programme as a whole</option>
              <DomainOptions />
            </select>
          </div>
        )}
        <CharacterCountField id={id} label="What was decided" rows={2} limit={decisionTextLimit} error={errors[0]?.field ? errors[0].message : undefined} />
        <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" disabled={record.isPending}>
          Record decision
        </button>
      </form>
    </FormDisclosure>
  );
}

/** One check-in as said: provisional rating, confidence, what happened, what is in the way. */
export function CheckInItem({ checkIn }: { checkIn: CheckIn }) {
  return (
    <li className="app-check-in">
      <h4 className="govuk-heading-s govuk-!-margin-bottom-1">
        {formatDate(checkIn.at)}, {checkIn.byName} <ConfidenceTag confidence={checkIn.confidence} />
      </h4>
      <p className="govuk-body govuk-!-margin-bottom-1">{checkIn.rating === null ? 'No provisional rating.' : `Provisional rating: ${checkIn.rating} out of 10.`}</p>
      <p className="govuk-body govuk-!-margin-bottom-1 app-preserve-lines">{checkIn.happened}</p>
      {checkIn.inTheWay && <p className="govuk-body govuk-!-margin-bottom-1 app-preserve-lines">In the way: {checkIn.inTheWay}</p>}
      {checkIn.helpNeeded && (
        <p className="govuk-body govuk-!-margin-bottom-1 app-preserve-lines">
          Help needed: {checkIn.helpNeeded}
          {checkIn.helpFrom && ` (from ${checkIn.helpFrom})`}
        </p>
      )}
    </li>
  );
}

/** Who owns the goal, how to check in, the check-ins so far (newest first) and the decisions taken. */
export function GoalThreadSection({ siteId, entry, members, mayNameOwner, mayCheckIn }: { siteId: string; entry: GoalProgressEntry; members: Member[]; mayNameOwner: boolean; mayCheckIn: boolean }) {
  const { goal } = entry;
  return (
    <>
      <p className="govuk-body">
        <strong>Owner:</strong> {entry.owner ? entry.owner.name : 'Not yet named'}
      </p>
      {mayNameOwner && <NameOwnerForm siteId={siteId} entry={entry} members={members} />}
      <h3 className="govuk-heading-s">Check-ins between meetings</h3>
      {mayCheckIn && (
        <Link className="govuk-button govuk-button--secondary app-no-print" to={`/sites/${siteId}/goals/${goal.id}/check-in/rating`}>
          Check in on goal {goal.position}
        </Link>
      )}
      {entry.checkIns.length === 0 ? (
        <p className="govuk-body-s">No check-ins yet.</p>
      ) : (
        <ul className="govuk-list app-check-ins">
          {[...entry.checkIns].reverse().map((c) => (
            <CheckInItem key={c.id} checkIn={c} />
          ))}
        </ul>
      )}
      {mayNameOwner && <RecordDecisionForm siteId={siteId} goalId={goal.id} />}
      {entry.decisions.length > 0 && (
        <>
          <h3 className="govuk-heading-s">Decisions</h3>
          <ul className="govuk-list govuk-list--bullet">
            {entry.decisions.map((d) => (
              <li key={d.id}>
                {d.text} <span className="govuk-body-s">({formatDate(d.recordedAt)})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
