import { useState } from 'react';
import type { GoalAction } from '@shared/goals/book';
import { useAddGoalAction, useSetGoalActionDone } from '../../api/goals';
import { ErrorSummary, errorsFromFailure, TextField } from '../../components/forms';
import { formatDate } from '@shared/format';

/** A goal's actions as a checklist anyone on the site can tick off. */
export function GoalActionList({ siteId, actions, caption }: { siteId: string; actions: GoalAction[]; caption: string }) {
  const setDone = useSetGoalActionDone(siteId);
  if (!actions.length) return <p className="govuk-body-s">No actions yet.</p>;
  return (
    <fieldset className="govuk-fieldset">
      <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{caption}</legend>
      <div className="govuk-checkboxes govuk-checkboxes--small">
        {actions.map((a) => (
          <div className="govuk-checkboxes__item" key={a.id}>
            <input
              className="govuk-checkboxes__input"
              id={`action-${a.id}`}
              type="checkbox"
              checked={a.done}
              onChange={(e) => setDone.mutate({ actionId: a.id, done: e.target.checked })}
            />
            <label className="govuk-label govuk-checkboxes__label" htmlFor={`action-${a.id}`}>
              {a.what} – {a.owner}, due {formatDate(a.due)}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** Adds an action to a goal: what, who, by when. */
export function AddGoalActionForm({ siteId, goalId, meetingId = null }: { siteId: string; goalId: string; meetingId?: string | null }) {
  const add = useAddGoalAction(siteId, goalId);
  const [key, setKey] = useState(0);
  const errors = add.isError ? errorsFromFailure(add.error, ['what', 'owner', 'due'], 'The action could not be saved. Try again.') : [];
  const fieldError = (f: string) => errors.find((e) => e.field === f)?.message;
  const id = (f: string) => `${goalId}-action-${f}`;
  return (
    <details className="govuk-details govuk-!-margin-bottom-2">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Add an action</span>
      </summary>
      <div className="govuk-details__text">
        <ErrorSummary errors={errors.map((e) => ({ ...e, field: e.field ? id(e.field) : '' }))} />
        <form
          key={key}
          onSubmit={(event) => {
            event.preventDefault();
            const form = new FormData(event.currentTarget);
            add.mutate(
              { what: String(form.get(id('what')) ?? ''), owner: String(form.get(id('owner')) ?? ''), due: String(form.get(id('due')) ?? ''), meetingId },
              { onSuccess: () => setKey((k) => k + 1) },
            );
          }}
        >
          <TextField id={id('what')} label="What will be done" error={fieldError('what')} maxLength={300} />
          <TextField id={id('owner')} label="Who will do it" error={fieldError('owner')} maxLength={120} />
          <TextField id={id('due')} label="Date it is due" type="date" className="govuk-input--width-10" error={fieldError('due')} />
          <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" disabled={add.isPending}>
            Add action
          </button>
        </form>
      </div>
    </details>
  );
}
