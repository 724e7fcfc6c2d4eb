import { useRef } from 'react';
import { useNavigate, useParams } from 'react-router';
import { cascadeDomains, DomainId } from '@shared/cascade/framework';
import { checkSmart } from '@shared/goals/smart';
import { useEditGoal, useGoals } from '../../api/goals';
import { useSite } from '../../api/hooks';
import { errorsFromFailure, FieldMessages, QuestionPage, TextField } from '../../components/forms';
import { CharacterCountField } from '../../components/character-count';
import { goalChangeReasonLimit } from '@shared/goals/book';
import { Loading, ProblemPage } from '../../components/Layout';
import { SmartFindings } from '../meetings/board/GoalDraftCard';
import { DateInput, exampleDay, readDay } from '../../components/date-input';
import { unreadable } from '../../api/http';

const order = [
  'draft.wording',
  'draft.specific',
  'draft.measurable.measure',
  'draft.measurable.target',
  'draft.achievable.ownerOrganisation',
  'draft.achievable.ownerName',
  'draft.achievable.resources',
  'draft.relevantDomains',
  'draft.dueDate',
  'reason',
];

/** Changing a locked goal: the lead or a facilitator, with a reason that is kept beside the change. */
export function EditGoalPage() {
  const { siteId = '', goalId = '' } = useParams();
  const navigate = useNavigate();
  const site = useSite(siteId);
  const goals = useGoals(siteId);
  const edit = useEditGoal(siteId, goalId);
  // The goal as it was when the form opened: a change someone makes meanwhile (shown here as it
  // arrives) is refused by the server rather than laid over unseen.
  const openedOnRevision = useRef<number | null>(null);
  if (unreadable(site) || unreadable(goals)) return <ProblemPage title="Sorry, there is a problem" message="The goal could not be loaded." />;
  if (!site.data || !goals.data) return <Loading />;
  const entry = goals.data.goals.find((g) => g.goal.id === goalId);
  if (!entry) return <ProblemPage title="Page not found" message="There is no such goal for this site." />;
  if (!site.data.abilities.includes('edit-goals')) return <ProblemPage title="You cannot change this goal" message="Only a facilitator or the strategic lead can change a goal once it is agreed." />;
  const { draft } = entry.goal;
  openedOnRevision.current ??= entry.revisions.length;
  const errors = edit.isError ? errorsFromFailure(edit.error, order, 'The goal could not be saved. Try again.') : [];
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  const findings = checkSmart(draft, goals.data.lock!.reviewBy);

  return (
    <QuestionPage back={`/sites/${siteId}/goals`} errors={errors} caption={site.data.name} title={`Change goal ${entry.goal.position}`}>
      <SmartFindings findings={findings} overridden={Boolean(entry.goal.override)} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const text = (name: string) => String(form.get(name) ?? '');
          edit.mutate(
            {
              draft: {
                wording: text('draft.wording'),
                specific: text('draft.specific'),
                measurable: { measure: text('draft.measurable.measure'), target: text('draft.measurable.target') },
                achievable: { ownerOrganisation: text('draft.achievable.ownerOrganisation'), ownerName: text('draft.achievable.ownerName'), resources: text('draft.achievable.resources') },
                relevantDomains: form.getAll('draft.relevantDomains').map(Number).filter((d): d is DomainId => DomainId.safeParse(d).success),
                dueDate: readDay(form, 'draft.dueDate') || null,
              },
              reason: text('reason'),
              basedOnRevision: openedOnRevision.current ?? entry.revisions.length,
            },
            { onSuccess: () => void navigate(`/sites/${siteId}/goals`) },
          );
        }}
      >
        <TextField id="draft.wording" label="The goal" defaultValue={draft.wording} error={error('draft.wording')} maxLength={300} />
        <TextField id="draft.specific" label="What will change, and for whom" defaultValue={draft.specific} error={error('draft.specific')} maxLength={500} />
        <TextField id="draft.measurable.measure" label="How progress will be measured" defaultValue={draft.measurable.measure} error={error('draft.measurable.measure')} maxLength={300} />
        <TextField id="draft.measurable.target" label="Target to reach" hint="A number or a date" defaultValue={draft.measurable.target} error={error('draft.measurable.target')} maxLength={300} />
        <TextField id="draft.achievable.ownerOrganisation" label="Organisation that owns the goal" defaultValue={draft.achievable.ownerOrganisation} error={error('draft.achievable.ownerOrganisation')} maxLength={120} />
        <TextField id="draft.achievable.ownerName" label="Named owner" defaultValue={draft.achievable.ownerName} error={error('draft.achievable.ownerName')} maxLength={120} />
        <TextField id="draft.achievable.resources" label="Resources needed" defaultValue={draft.achievable.resources} error={error('draft.achievable.resources')} maxLength={500} />
        <div className={`govuk-form-group${error('draft.relevantDomains') ? ' govuk-form-group--error' : ''}`}>
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">CASCADE domains this goal addresses</legend>
            <FieldMessages id="draft.relevantDomains" error={error('draft.relevantDomains')} />
            <div className="govuk-checkboxes govuk-checkboxes--small">
              {cascadeDomains.map((d, i) => (
                <div className="govuk-checkboxes__item" key={d.id}>
                  <input className="govuk-checkboxes__input" id={i === 0 ? 'draft.relevantDomains' : `draft.relevantDomains-${d.id}`} name="draft.relevantDomains" type="checkbox" value={d.id} defaultChecked={draft.relevantDomains.includes(d.id)} />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={i === 0 ? 'draft.relevantDomains' : `draft.relevantDomains-${d.id}`}>
                    {d.id}. {d.shortTitle}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <DateInput id="draft.dueDate" legend="Date the goal will be met by" hint={`For example, ${exampleDay({ months: 6 })}`} defaultDay={draft.dueDate} error={error('draft.dueDate')} />
        <CharacterCountField id="reason" label="Why is the goal changing?" labelClassName="govuk-label--s" hint="This is kept with the change, with your name and the date" error={error('reason')} rows={3} limit={goalChangeReasonLimit} />
        <button type="submit" className="govuk-button" disabled={edit.isPending}>
          Save the change
        </button>
      </form>
    </QuestionPage>
  );
}
