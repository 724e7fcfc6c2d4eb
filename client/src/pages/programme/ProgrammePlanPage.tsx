import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { fieldErrors } from '@shared/api/errors';
import { planDateFields, planDateLabels, ProgrammePlan } from '@shared/programme/plan';
import { useSite } from '../../api/hooks';
import { useSavePlan, useTimeline } from '../../api/programme';
import { errorList, errorsFromFailure, QuestionPage, TextField, type ErrorItem } from '../../components/forms';
import { Loading, ProblemPage } from '../../components/Layout';
import { DateInput, readDay } from '../../components/date-input';

const fieldOrder = ['wave', ...planDateFields];

/** The facilitator sets the site's wave and its programme dates (guide section 2). */
export function ProgrammePlanPage() {
  const { siteId = '' } = useParams();
  const site = useSite(siteId);
  const timeline = useTimeline(siteId);
  const save = useSavePlan(siteId);
  const navigate = useNavigate();
  const [errors, setErrors] = useState<ErrorItem[]>([]);

  if (site.isPending || timeline.isPending) return <Loading />;
  if (site.isError || timeline.isError || !site.data.abilities.includes('set-programme-dates')) {
    return <ProblemPage title="You cannot change the programme dates" message="Facilitators set each site's programme dates." />;
  }
  const plan = timeline.data.plan;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = { wave: String(form.get('wave') ?? ''), ...Object.fromEntries(planDateFields.map((field) => [field, readDay(form, field)])) };
    const parsed = ProgrammePlan.safeParse(body);
    if (!parsed.success) return setErrors(errorList(fieldErrors(parsed.error), fieldOrder));
    save.mutate(parsed.data, {
      onSuccess: () => navigate(`/sites/${siteId}`),
      onError: (error) => setErrors(errorsFromFailure(error, fieldOrder, 'The dates could not be saved. Try again.')),
    });
  }
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;

  return (
    <QuestionPage back={`/sites/${siteId}`} errors={errors} caption={site.data.name} title="Programme dates">
      <form onSubmit={submit} noValidate>
        <TextField id="wave" label="Wave" hint="For example, Wave 2 (spring 2027)" defaultValue={plan.wave} error={errorFor('wave')} className="govuk-input--width-20" />
        {planDateFields.map((field) => (
          <DateInput key={field} id={field} legend={planDateLabels[field]} defaultDay={plan[field]} error={errorFor(field)} />
        ))}
        <button type="submit" className="govuk-button" disabled={save.isPending}>
          Save dates
        </button>
      </form>
    </QuestionPage>
  );
}
