import { useState } from 'react';
import { cascadeDomains, type DomainId } from '@shared/cascade/framework';
import { goalDraftText, goalTextLimits, setGoalDraftField, type DraftGoal, type GoalTextField } from '@shared/goals/drafts';
import { checkSmart, type SmartFinding, type SmartLetter } from '@shared/goals/smart';
import type { MeetingAction, MeetingStateEvent } from '@shared/realtime';
import { CollabTextarea } from '../../../components/CollabTextarea';
import { formatDate } from '@shared/format';
import type { BoardConnection } from '../../../realtime/useBoard';
import { LiveDateInput } from '../../../components/date-input';
import { useKeptDraft } from '../../../realtime/kept-drafts';
import { attempt, type ActionReply } from './ActionButton';
import { allows } from './abilities';

const letterNames: Record<SmartLetter, string> = {
  specific: 'Specific',
  measurable: 'Measurable',
  achievable: 'Achievable',
  relevant: 'Relevant',
  timeBound: 'Time-bound',
};

const detailFields: { field: GoalTextField; label: string; hint?: string }[] = [
  { field: 'specific', label: 'What will change, and for whom' },
  { field: 'measure', label: 'How progress will be measured' },
  { field: 'target', label: 'Target to reach', hint: 'A number or a date, so everyone can tell when it is met' },
  { field: 'ownerOrganisation', label: 'Organisation that owns the goal' },
  { field: 'ownerName', label: 'Named owner' },
  { field: 'resources', label: 'Resources needed' },
];

function GoalText({ board, goalId, field, label, hint, rows = 2 }: { board: BoardConnection; goalId: string; field: GoalTextField; label: string; hint?: string; rows?: number }) {
  const text = goalDraftText(board.goalsDoc, goalId, field);
  const id = `${goalId}-${field}`;
  if (!text) return null;
  return (
    <div className="govuk-form-group govuk-!-margin-bottom-4">
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className="govuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      <CollabTextarea
        id={id}
        className="govuk-textarea govuk-!-margin-bottom-0"
        rows={rows}
        text={text}
        maxLength={goalTextLimits[field]}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onFocus={() => board.setPresence({ editing: goalId })}
        onBlur={() => board.setPresence({ editing: null })}
      />
    </div>
  );
}

/** What the SMART check finds, letter by letter, as the goal is typed. */
/** The findings under each SMART letter, in the order the letters first appear: one line a letter, not a line a finding. */
function lettersOf(findings: SmartFinding[]): [SmartFinding['letter'], string[]][] {
  const byLetter = new Map<SmartFinding['letter'], string[]>();
  for (const f of findings) byLetter.set(f.letter, [...(byLetter.get(f.letter) ?? []), f.message]);
  return [...byLetter];
}

export function SmartFindings({ findings, overridden }: { findings: SmartFinding[]; overridden: boolean }) {
  if (!findings.length) {
    return (
      <p className="govuk-body">
        <strong className="govuk-tag govuk-tag--green">SMART</strong> Every part of SMART is covered.
      </p>
    );
  }
  return (
    <div className="app-smart">
      <p className="govuk-body govuk-!-margin-bottom-1">
        <strong className={`govuk-tag ${overridden ? 'govuk-tag--blue' : 'govuk-tag--yellow'}`}>{overridden ? 'Accepted by facilitator' : 'Not yet SMART'}</strong>
      </p>
      <ul className="govuk-list govuk-list--bullet govuk-body-s">
        {lettersOf(findings).map(([letter, messages]) => (
          <li key={letter}>
            <strong>{letterNames[letter]}:</strong> {messages.map((m, i) => (i ? m.charAt(0).toLowerCase() + m.slice(1) : m)).join('; ')}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Stances({ goalId, view, meId, act }: { goalId: string; view: MeetingStateEvent; meId: string; act: (a: MeetingAction) => Promise<ActionReply> }) {
  const stances = Object.values(view.goals.stances[goalId] ?? {});
  const mine = view.goals.stances[goalId]?.[meId];
  // A concern being written is kept like a note's draft (survives a reload) until it is saved.
  const [kept, keep] = useKeptDraft(`drafts:${goalId}:${meId}:concern`);
  const comment = kept.text;
  const [stance, setStance] = useState<'agree' | 'concerns' | null>(comment ? 'concerns' : null);
  /** Saving without a choice says what is missing (GOV.UK: a button is not disabled instead). */
  const [missing, setMissing] = useState(false);
  const agree = stances.filter((s) => s.stance === 'agree').length;
  const concerns = stances.filter((s) => s.stance === 'concerns');
  const chosen = stance ?? mine?.stance ?? null;
  return (
    <div className="app-goal__stances">
      <p className="govuk-body-s govuk-!-margin-bottom-2">
        {agree} agree, {concerns.length} {concerns.length === 1 ? 'has' : 'have'} concerns
        {mine && ` · you said: ${mine.stance === 'agree' ? 'agree' : 'have concerns'}`}
      </p>
      {concerns.length > 0 && (
        <ul className="govuk-list govuk-body-s">
          {concerns.map((c) => (
            <li key={c.name + c.comment}>
              <strong>{c.name}:</strong> {c.comment}
            </li>
          ))}
        </ul>
      )}
      {allows(view, 'respond-to-goal') && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (!chosen) return setMissing(true);
            void attempt(() => act({ type: 'respond-to-goal', goalId, stance: chosen, comment: chosen === 'concerns' ? comment : '' })).then((reply) => reply.ok && keep(null));
          }}
        >
          <div className={`govuk-form-group govuk-!-margin-bottom-0${missing && !chosen ? ' govuk-form-group--error' : ''}`}>
            <fieldset className="govuk-fieldset" aria-describedby={missing && !chosen ? `${goalId}-stance-error` : undefined}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Do you agree with this goal?</legend>
              {missing && !chosen && (
                <p className="govuk-error-message" id={`${goalId}-stance-error`}>
                  <span className="govuk-visually-hidden">Error:</span> Choose whether you agree with this goal or have concerns
                </p>
              )}
              <div className="govuk-radios govuk-radios--small govuk-radios--inline">
                {(['agree', 'concerns'] as const).map((value) => (
                  <div className="govuk-radios__item" key={value}>
                    <input
                      className="govuk-radios__input"
                      id={`${goalId}-stance-${value}`}
                      name={`${goalId}-stance`}
                      type="radio"
                      checked={chosen === value}
                      onChange={() => setStance(value)}
                    />
                    <label className="govuk-label govuk-radios__label" htmlFor={`${goalId}-stance-${value}`}>
                      {value === 'agree' ? 'I agree' : 'I have concerns'}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          {chosen === 'concerns' && (
            <div className="govuk-form-group govuk-!-margin-top-2">
              <label className="govuk-label" htmlFor={`${goalId}-concern`}>
                What is your concern?
              </label>
              <textarea className="govuk-textarea" id={`${goalId}-concern`} rows={2} maxLength={300} value={comment} onChange={(e) => keep({ text: e.target.value })} />
            </div>
          )}
          <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-top-2">
            Save my view
          </button>
        </form>
      )}
    </div>
  );
}

function OverrideForm({ goalId, meId, act }: { goalId: string; meId: string; act: (a: MeetingAction) => Promise<ActionReply> }) {
  const [kept, keep] = useKeptDraft(`drafts:${goalId}:${meId}:override`);
  const reason = kept.text;
  return (
    <details className="govuk-details govuk-!-margin-bottom-2">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Accept this goal as it is</span>
      </summary>
      <div className="govuk-details__text">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void attempt(() => act({ type: 'override-smart', goalId, reason })).then((reply) => reply.ok && keep(null));
          }}
        >
          <label className="govuk-label" htmlFor={`${goalId}-override`}>
            Why the group accepts it without passing every SMART check
          </label>
          <textarea className="govuk-textarea" id={`${goalId}-override`} rows={2} maxLength={300} value={reason} onChange={(e) => keep({ text: e.target.value })} />
          <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
            Record the reason
          </button>
        </form>
      </div>
    </details>
  );
}

/** One goal being drafted: its co-edited wording and SMART details, the check, and people's views. */
export function GoalDraftCard(props: {
  goal: DraftGoal;
  number: number;
  board: BoardConnection;
  view: MeetingStateEvent;
  me: { id: string };
  act: (a: MeetingAction) => Promise<ActionReply>;
  /** Whether the server lets this person choose the goals to lock (the facilitator, in the goals phase). */
  mayChoose: boolean;
  reviewBy: string;
  chosen: boolean;
  onChoose: (chosen: boolean) => void;
}) {
  const { goal, number, board, view, me, act, mayChoose, reviewBy, chosen, onChoose } = props;
  const findings = checkSmart(goal.draft, reviewBy);
  const override = view.goals.overrides[goal.id];
  const shortlisted = view.goals.shortlist.includes(goal.id);
  const domains = [...view.areasOfNeed, ...cascadeDomains.map((d) => d.id).filter((id) => !view.areasOfNeed.includes(id))];
  const editors = board.presence.filter((p) => p.editing === goal.id && p.userId !== me.id).map((p) => p.name);
  const setDomains = (next: DomainId[]) => setGoalDraftField(board.goalsDoc, goal.id, 'relevantDomains', next);

  return (
    <article className={`app-goal${shortlisted ? ' app-goal--shortlisted' : ''}`} aria-labelledby={`${goal.id}-title`}>
      <h3 className="govuk-heading-s govuk-!-margin-bottom-2" id={`${goal.id}-title`}>
        Draft goal {number} {shortlisted && <strong className="govuk-tag govuk-tag--blue">Shortlisted</strong>}
        <span className="govuk-caption-m">
          Proposed by {goal.proposedByName}
          {editors.length > 0 && ` · ${editors.join(', ')} typing`}
        </span>
      </h3>
      <GoalText board={board} goalId={goal.id} field="wording" label="The goal" rows={2} />
      <details className="govuk-details govuk-!-margin-bottom-3">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">SMART details</span>
        </summary>
        <div className="govuk-details__text">
          {detailFields.map((f) => (
            <GoalText key={f.field} board={board} goalId={goal.id} field={f.field} label={f.label} hint={f.hint} />
          ))}
          <div className="govuk-form-group">
            <fieldset className="govuk-fieldset">
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">CASCADE domains this goal addresses</legend>
              <div className="govuk-checkboxes govuk-checkboxes--small">
                {domains.map((id) => (
                  <div className="govuk-checkboxes__item" key={id}>
                    <input
                      className="govuk-checkboxes__input"
                      id={`${goal.id}-domain-${id}`}
                      type="checkbox"
                      checked={goal.draft.relevantDomains.includes(id)}
                      onChange={(e) => setDomains(e.target.checked ? [...goal.draft.relevantDomains, id] : goal.draft.relevantDomains.filter((d) => d !== id))}
                    />
                    <label className="govuk-label govuk-checkboxes__label" htmlFor={`${goal.id}-domain-${id}`}>
                      {id}. {cascadeDomains[id - 1]!.shortTitle}
                      {view.areasOfNeed.includes(id) && ' (area of greatest need)'}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <LiveDateInput
            id={`${goal.id}-due`}
            legend="Date the goal will be met by"
            hint={`On or before ${formatDate(reviewBy)}, the 6-month review`}
            value={goal.draft.dueDate}
            onChange={(day) => setGoalDraftField(board.goalsDoc, goal.id, 'dueDate', day)}
          />
        </div>
      </details>
      <SmartFindings findings={findings} overridden={Boolean(override)} />
      {override && <p className="govuk-body-s">Reason recorded: {override.reason}</p>}
      <Stances goalId={goal.id} view={view} meId={me.id} act={act} />
      {(mayChoose || allows(view, 'shortlist-goal') || allows(view, 'override-smart')) && (
        <div className="app-goal__facilitator">
          {findings.length > 0 && !override && allows(view, 'override-smart') && <OverrideForm goalId={goal.id} meId={me.id} act={act} />}
          <div className="govuk-checkboxes govuk-checkboxes--small">
            {allows(view, 'shortlist-goal') && (
              <div className="govuk-checkboxes__item">
                <input className="govuk-checkboxes__input" id={`${goal.id}-shortlist`} type="checkbox" checked={shortlisted} onChange={(e) => void act({ type: 'shortlist-goal', goalId: goal.id, shortlisted: e.target.checked })} />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={`${goal.id}-shortlist`}>
                  Shortlist for agreement
                </label>
              </div>
            )}
            {mayChoose && (
              <div className="govuk-checkboxes__item">
                <input className="govuk-checkboxes__input" id={`${goal.id}-choose`} type="checkbox" checked={chosen} onChange={(e) => onChoose(e.target.checked)} />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={`${goal.id}-choose`}>
                  Choose as one of the three goals
                </label>
              </div>
            )}
          </div>
        </div>
      )}
    </article>
  );
}
