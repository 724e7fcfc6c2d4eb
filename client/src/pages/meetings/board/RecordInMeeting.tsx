import { useState } from 'react';
import type { z } from 'zod';
import type { DomainId } from '@shared/cascade/framework';
import { RecordActionAction, RecordDecisionAction } from '@shared/goals/meeting-records';
import type { MeetingAction } from '@shared/realtime';
import type { Member } from '@shared/api/sites';
import { DateInput, readDay } from '../../../components/date-input';
import { FormDisclosure, FieldMessages, TextAreaField, TextField, type ErrorItem } from '../../../components/forms';
import { ActionOutcome, attempt, type ActionReply } from './ActionButton';
import { DomainOptions, MemberOptions } from '../../../components/options';

/**
 * What a recorded action or decision is tied to: a locked goal or a CASCADE domain, or (at the
 * close, when the group sums up) whichever of those, or neither, is chosen in the form.
 */
export type Tie = { goalId: string; domainId: null } | { goalId: null; domainId: DomainId } | { choose: { goals: readonly { id: string; position: number; wording: string }[] } };

/** A chosen tie (“goal:…”, “domain:6” or nothing) as the message's fields. */
function tieOf(tie: Tie, form: FormData, field: string): { goalId: string | null; domainId: number | null } {
  if (!('choose' in tie)) return tie;
  const [kind, value] = String(form.get(field) ?? '').split(':');
  return { goalId: kind === 'goal' ? value! : null, domainId: kind === 'domain' ? Number(value) : null };
}

/** At the close: what the action or decision is about, a goal, a domain or the programme as a whole. */
function TieChooser({ tie, id }: { tie: Tie; id: string }) {
  if (!('choose' in tie)) return null;
  return (
    <div className="govuk-form-group">
      <label className="govuk-label" htmlFor={id}>
        What it is about
      </label>
      <select className="govuk-select" id={id} name={id} defaultValue="">
        <option value="">The programme as a whole</option>
        {tie.choose.goals.map((g) => (
          <option key={g.id} value={`goal:${g.id}`}>
            Goal {g.position}: {g.wording}
          </option>
        ))}
        <DomainOptions valueFor={(id) => `domain:${id}`} />
      </select>
    </div>
  );
}

type Act = (action: MeetingAction) => Promise<ActionReply>;

/** The schema's complaints as GOV.UK error items, each linked to its field, in the form's order. */
function errorsOf(error: z.ZodError, fieldId: (field: string) => string, order: readonly string[]): ErrorItem[] {
  const first = new Map<string, string>();
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (!first.has(field)) first.set(field, issue.message);
  }
  return order.filter((f) => first.has(f)).map((f) => ({ field: fieldId(f), message: first.get(f)! }));
}

/**
 * Sends a recorded action or decision as a meeting action (the server's table decides), after
 * the shared schema has checked it here, so a mistake is shown at its field before anything is sent.
 */
function useRecorder(act: Act) {
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const [outcome, setOutcome] = useState<ActionReply | null>(null);
  const [pending, setPending] = useState(false);
  const [key, setKey] = useState(0);
  const record = async (checked: { success: true; data: MeetingAction } | { success: false; error: z.ZodError }, fieldId: (f: string) => string, order: readonly string[]) => {
    if (!checked.success) {
      setErrors(errorsOf(checked.error, fieldId, order));
      setOutcome(null);
      return;
    }
    setErrors([]);
    setPending(true);
    const reply = await attempt(() => act(checked.data));
    setPending(false);
    setOutcome(reply);
    if (reply.ok) setKey((k) => k + 1);
  };
  const errorAt = (field: string) => errors.find((e) => e.field === field)?.message;
  return { errors, outcome, pending, key, record, errorAt };
}

/** Records an action agreed in the meeting: what, which member will do it, by when. Collapsed until opened, so the board stays calm. */
export function RecordActionForm({ idPrefix, tie, members, act }: { idPrefix: string; tie: Tie; members: readonly Member[]; act: Act }) {
  const r = useRecorder(act);
  const id = (field: string) => `${idPrefix}-action-${field}`;
  const ownerError = r.errorAt(id('ownerId'));
  return (
    <FormDisclosure summary="Add an action" errors={r.errors}>
      <form
        key={r.key}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const candidate = { type: 'record-action', what: String(form.get(id('what')) ?? ''), ownerId: String(form.get(id('ownerId')) ?? ''), due: readDay(form, id('due')), ...tieOf(tie, form, id('about')) };
          void r.record(RecordActionAction.safeParse(candidate), id, ['what', 'ownerId', 'due', 'domainId']);
        }}
      >
        <TieChooser tie={tie} id={id('about')} />
        <TextField id={id('what')} label="What will be done" error={r.errorAt(id('what'))} maxLength={300} />
        <div className={`govuk-form-group${ownerError ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label" htmlFor={id('ownerId')}>
            Who will do it
          </label>
          <FieldMessages id={id('ownerId')} hint="A member of the site: the action goes on their to-do list, and they tick it off" error={ownerError} />
          <select
            className={`govuk-select${ownerError ? ' govuk-select--error' : ''}`}
            id={id('ownerId')}
            name={id('ownerId')}
            aria-describedby={`${id('ownerId')}-hint${ownerError ? ` ${id('ownerId')}-error` : ''}`}
            defaultValue=""
          >
            <option value="">Choose a member</option>
            <MemberOptions members={members} />
          </select>
        </div>
        <DateInput id={id('due')} legend="Date it is due" hint="For example, 27 3 2027" error={r.errorAt(id('due'))} />
        <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" disabled={r.pending}>
          Add action
        </button>
        <ActionOutcome pending={r.pending} outcome={r.outcome} done="Action recorded; it is on its owner’s to-do list" />
      </form>
    </FormDisclosure>
  );
}

/** Records a decision the meeting took, tied to the goal or domain it is about. */
export function RecordDecisionForm({ idPrefix, tie, act }: { idPrefix: string; tie: Tie; act: Act }) {
  const r = useRecorder(act);
  const id = (field: string) => `${idPrefix}-decision-${field}`;
  return (
    <FormDisclosure summary="Record a decision" errors={r.errors}>
      <form
        key={r.key}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const candidate = { type: 'record-decision', text: String(form.get(id('text')) ?? ''), ...tieOf(tie, form, id('about')) };
          void r.record(RecordDecisionAction.safeParse(candidate), id, ['text', 'domainId']);
        }}
      >
        <TieChooser tie={tie} id={id('about')} />
        <TextAreaField id={id('text')} label="What was decided" rows={2} maxLength={1000} error={r.errorAt(id('text'))} />
        <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" disabled={r.pending}>
          Record decision
        </button>
        <ActionOutcome pending={r.pending} outcome={r.outcome} done="Decision recorded" />
      </form>
    </FormDisclosure>
  );
}
