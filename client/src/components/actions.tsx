import { useState } from 'react';
import type { UseMutationResult } from '@tanstack/react-query';
import type { ActionFields, TrackedAction } from '@shared/actions';
import { formatDate } from '@shared/format';
import { serverMessage } from '../api/http';
import { ErrorSummary, errorsFromFailure, TextField } from './forms';
import { DateInput, exampleDay, readDay } from './date-input';
import { DomainOptions } from './options';
import type { DomainId } from '@shared/cascade/framework';

/** What an action may be tied to: one of the site's locked goals or a CASCADE domain (`domainsFirst` offered first). */
export interface ActionTies {
  goals: readonly { id: string; position: number; wording: string }[];
  domainsFirst: readonly DomainId[];
}

/** The chosen tie ("goal:…", "domain:6" or nothing) as an action's fields. */
function tieOf(choice: string): { goalId: string | null; domainId: DomainId | null } {
  const [kind, value] = choice.split(':');
  return { goalId: kind === 'goal' ? value! : null, domainId: kind === 'domain' ? (Number(value) as DomainId) : null };
}

/** The hint under an action's due date, in every form that adds an action: an example a few months ahead. */
export const actionDueHint = () => `For example, ${exampleDay({ months: 3 })}`;

/**
 * Agreed actions as a checklist, ticked off by those `mayTick` allows (goals' and sessions' alike;
 * the others see the boxes, greyed). `refusal`: why the last tick was not taken, shown with the list.
 */
export function ActionList<A extends TrackedAction>({ actions, caption, onDone, mayTick, refusal }: { actions: A[]; caption: string; onDone: (actionId: string, done: boolean) => void; mayTick: (action: A) => boolean; refusal?: string | null }) {
  if (!actions.length) return <p className="govuk-body-s">No actions yet.</p>;
  return (
    <fieldset className={`govuk-fieldset${refusal ? ' govuk-form-group--error' : ''}`}>
      <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{caption}</legend>
      {refusal && (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error:</span> {refusal}
        </p>
      )}
      <div className="govuk-checkboxes govuk-checkboxes--small">
        {actions.map((a) => (
          <div className="govuk-checkboxes__item" key={a.id}>
            <input className="govuk-checkboxes__input" id={`action-${a.id}`} type="checkbox" checked={a.done} disabled={!mayTick(a)} onChange={(e) => onDone(a.id, e.target.checked)} />
            <label className="govuk-label govuk-checkboxes__label" htmlFor={`action-${a.id}`}>
              {a.what} – {a.owner}, due {formatDate(a.due)}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** Why the last tick was not taken: the server's words when it gave them. */
export const tickRefusal = (tick: { error: Error | null }): string | null =>
  tick.error ? serverMessage(tick.error, 'The action could not be ticked off. Try again.') : null;

/** Adds an action: what, who, by when. Collapsed until opened, so a board stays calm. */
export function AddActionForm({
  idPrefix,
  add,
  open = false,
  members,
  ties,
}: {
  idPrefix: string;
  add: UseMutationResult<unknown, Error, ActionFields & { ownerId?: string | null; changeId?: string; goalId?: string | null; domainId?: DomainId | null }>;
  open?: boolean;
  /** The site's members, to put the action on one's to-do list; without them, the owner is text only. */
  members?: readonly { userId: string; name: string }[];
  /** What the action may be about; without them it is about whatever the page is (a goal's form). */
  ties?: ActionTies;
}) {
  const [key, setKey] = useState(0);
  // One id per action written, kept across tries: sent again after a lost answer, it is recorded once.
  const [changeId, setChangeId] = useState(() => crypto.randomUUID());
  const errors = add.isError ? errorsFromFailure(add.error, ['what', 'owner', 'due'], 'The action could not be saved. Try again.') : [];
  const fieldError = (f: string) => errors.find((e) => e.field === f)?.message;
  const id = (f: string) => `${idPrefix}-action-${f}`;
  return (
    <details className="govuk-details govuk-!-margin-bottom-2" open={open}>
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
            const field = (f: string) => String(form.get(id(f)) ?? '');
            const ownerId = field('owner-member') || null;
            // Choosing a member is enough: their name is who will do it, unless another is written.
            const owner = field('owner') || members?.find((m) => m.userId === ownerId)?.name || '';
            add.mutate(
              { what: field('what'), owner, ownerId, due: readDay(form, id('due')), changeId, ...(ties ? tieOf(field('about')) : {}) },
              {
                onSuccess: () => {
                  setKey((k) => k + 1);
                  setChangeId(crypto.randomUUID());
                },
              },
            );
          }}
        >
          <TextField id={id('what')} label="What will be done" error={fieldError('what')} maxLength={300} />
          {ties && (
            <div className="govuk-form-group">
              <label className="govuk-label" htmlFor={id('about')}>
                What it is about
              </label>
              <div className="govuk-hint" id={`${id('about')}-hint`}>
                Tied to a goal, it is in that goal’s thread at the next review
              </div>
              <select className="govuk-select" id={id('about')} name={id('about')} aria-describedby={`${id('about')}-hint`} defaultValue="">
                <option value="">The programme as a whole</option>
                {ties.goals.map((g) => (
                  <option key={g.id} value={`goal:${g.id}`}>
                    Goal {g.position}: {g.wording}
                  </option>
                ))}
                <DomainOptions valueFor={(d) => `domain:${d}`} first={ties.domainsFirst} />
              </select>
            </div>
          )}
          {members && (
            <div className="govuk-form-group">
              <label className="govuk-label" htmlFor={id('owner-member')}>
                Who will do it, from the site’s members
              </label>
              <div className="govuk-hint" id={`${id('owner-member')}-hint`}>
                The action goes on their to-do list, and they can tick it off
              </div>
              <select className="govuk-select" id={id('owner-member')} name={id('owner-member')} aria-describedby={`${id('owner-member')}-hint`} defaultValue="">
                <option value="">Someone else</option>
                {members.map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <TextField id={id('owner')} label={members ? 'Or write who will do it' : 'Who will do it'} error={fieldError('owner')} maxLength={120} />
          <DateInput id={id('due')} legend="Date it is due" hint={actionDueHint()} error={fieldError('due')} />
          <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" disabled={add.isPending}>
            Add action
          </button>
        </form>
      </div>
    </details>
  );
}
