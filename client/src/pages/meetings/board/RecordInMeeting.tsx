import { useState, type ReactNode } from 'react';
import type { z } from 'zod';
import type { DomainId } from '@shared/cascade/framework';
import { RecordActionAction, RecordDecisionAction } from '@shared/goals/meeting-records';
import { newActionDueProblem } from '@shared/actions';
import type { MeetingAction } from '@shared/realtime';
import type { Member } from '@shared/api/sites';
import { DateInput, readDay } from '../../../components/date-input';
import { FormDisclosure, FieldMessages, TextAreaField, TextField, type ErrorItem } from '../../../components/forms';
import { ActionOutcome, attempt, type ActionReply } from './ActionButton';
import { DomainOptions, MemberOptions } from '../../../components/options';
import { actionDueHint } from '../../../components/actions';

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

/** The complaints as GOV.UK error items, each linked to its field, in the form's order; the first for a field wins. */
function errorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[], fieldId: (field: string) => string, order: readonly string[]): ErrorItem[] {
  const first = new Map<string, string>();
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '');
    if (!first.has(field)) first.set(field, issue.message);
  }
  return order.filter((f) => first.has(f)).map((f) => ({ field: fieldId(f), message: first.get(f)! }));
}

/** What one recorder supplies to the shell: its words, its fields and its own answers. */
interface Recorder {
  idPrefix: string;
  kind: 'action' | 'decision';
  tie: Tie;
  act: Act;
  summary: string;
  schema: z.ZodType<MeetingAction>;
  /** What the schema cannot know, said beside its complaints: a rule that needs today's date. */
  alsoCheck?: (message: Record<string, unknown>) => { path: [string]; message: string }[];
  /** The message without its tie: both forms ask the tie the same way, so the shell reads it. */
  read: (form: FormData, id: (field: string) => string) => object;
  /** The fields in the order they are shown, so the error summary lists them as they are read. */
  order: readonly string[];
  fields: (id: (field: string) => string, errorAt: (fieldId: string) => string | undefined) => ReactNode;
  submit: string;
  done: string;
}

/**
 * The shell both recorders share, so a change to how a record is checked and sent is made once.
 * The shared schema checks it here first, so a mistake is shown at its field before anything is
 * sent; it goes as a meeting action, as the server's table decides who may record what. Only the
 * form is re-mounted after a success, to empty it, so the outcome stays on screen to be read.
 */
function RecorderForm({ idPrefix, kind, tie, act, summary, schema, alsoCheck, read, order, fields, submit, done }: Recorder) {
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const [outcome, setOutcome] = useState<ActionReply | null>(null);
  const [pending, setPending] = useState(false);
  const [key, setKey] = useState(0);
  const id = (field: string) => `${idPrefix}-${kind}-${field}`;
  const errorAt = (fieldId: string) => errors.find((e) => e.field === fieldId)?.message;
  const record = async (form: FormData) => {
    const message = { ...read(form, id), ...tieOf(tie, form, id('about')) };
    const checked = schema.safeParse(message);
    const also = alsoCheck?.(message) ?? [];
    if (!checked.success || also.length) {
      // The tie's one complaint (both a goal and a domain) cannot come from the chooser, so it goes last.
      setErrors(errorsOf([...(checked.error?.issues ?? []), ...also], id, [...order, 'domainId']));
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
  return (
    <FormDisclosure summary={summary} errors={errors}>
      <form
        key={key}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void record(new FormData(event.currentTarget));
        }}
      >
        <TieChooser tie={tie} id={id('about')} />
        {fields(id, errorAt)}
        <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" disabled={pending}>
          {submit}
        </button>
        <ActionOutcome pending={pending} outcome={outcome} done={done} />
      </form>
    </FormDisclosure>
  );
}

/** Records an action agreed in the meeting: what, which member will do it, by when. Collapsed until opened, so the board stays calm. */
export function RecordActionForm({ idPrefix, tie, members, act }: { idPrefix: string; tie: Tie; members: readonly Member[]; act: Act }) {
  return (
    <RecorderForm
      idPrefix={idPrefix}
      kind="action"
      tie={tie}
      act={act}
      summary="Add an action"
      schema={RecordActionAction}
      // The server asks it again by its own clock; asked here, the answer is on the field before anything is sent.
      alsoCheck={(message) => {
        const late = newActionDueProblem(String(message.due), new Date());
        return late ? [{ path: ['due'], message: late }] : [];
      }}
      read={(form, id) => ({ type: 'record-action', what: String(form.get(id('what')) ?? ''), ownerId: String(form.get(id('ownerId')) ?? ''), due: readDay(form, id('due')) })}
      order={['what', 'ownerId', 'due']}
      fields={(id, errorAt) => {
        const ownerError = errorAt(id('ownerId'));
        return (
          <>
            <TextField id={id('what')} label="What will be done" error={errorAt(id('what'))} maxLength={300} />
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
            <DateInput id={id('due')} legend="Date it is due" hint={actionDueHint()} error={errorAt(id('due'))} />
          </>
        );
      }}
      submit="Add action"
      done="Action recorded; it is on its owner’s to-do list"
    />
  );
}

/** Records a decision the meeting took, tied to the goal or domain it is about. */
export function RecordDecisionForm({ idPrefix, tie, act }: { idPrefix: string; tie: Tie; act: Act }) {
  return (
    <RecorderForm
      idPrefix={idPrefix}
      kind="decision"
      tie={tie}
      act={act}
      summary="Record a decision"
      schema={RecordDecisionAction}
      read={(form, id) => ({ type: 'record-decision', text: String(form.get(id('text')) ?? '') })}
      order={['text']}
      fields={(id, errorAt) => <TextAreaField id={id('text')} label="What was decided" rows={2} maxLength={1000} error={errorAt(id('text'))} />}
      submit="Record decision"
      done="Decision recorded"
    />
  );
}
