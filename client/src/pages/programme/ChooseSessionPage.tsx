import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { fieldErrors } from '@shared/api/errors';
import { CreateTailoredSessionBody, SessionFormat, sessionFormatHints, sessionFormatLabels } from '@shared/programme/registration';
import { useSite } from '../../api/hooks';
import { useChooseSession, useSessionSuggestions, useTimeline } from '../../api/programme';
import { bookingWindowHint } from '@shared/programme/plan';
import { CheckboxGroup, errorList, errorsFromFailure, QuestionPage, RadioGroup, TextField, type ErrorItem } from '../../components/forms';
import { readStart, StartsAtField } from '../../components/date-input';
import { Loading, ProblemPage } from '../../components/Layout';

const fieldOrder = ['title', 'format', 'domains', 'startsAt', 'durationMinutes'];

/** The lead chooses a session: its format, and which CASCADE domains' content it mixes (goal-linked first). */
export function ChooseSessionPage() {
  const { siteId = '' } = useParams();
  const site = useSite(siteId);
  const suggestions = useSessionSuggestions(siteId);
  const timeline = useTimeline(siteId);
  const choose = useChooseSession(siteId);
  const navigate = useNavigate();
  const [errors, setErrors] = useState<ErrorItem[]>([]);

  if (site.isPending || suggestions.isPending) return <Loading />;
  if (site.isError || suggestions.isError || !site.data.abilities.includes('choose-sessions')) {
    return <ProblemPage title="You cannot choose sessions for this site" message="The strategic lead and facilitators choose tailored support sessions." />;
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const start = readStart(form, 'session');
    const body = {
      title: String(form.get('title') ?? ''),
      format: (form.get('format') as string | null) ?? undefined,
      domains: form.getAll('domains').map(Number),
      startsAt: start.startsAt,
      durationMinutes: Number(form.get('durationMinutes')) || undefined,
    };
    const parsed = CreateTailoredSessionBody.safeParse(body);
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error);
      if (start.problem) fields.startsAt = start.problem;
      return setErrors(errorList(fields, fieldOrder));
    }
    choose.mutate(body as CreateTailoredSessionBody, {
      onSuccess: () => navigate(`/sites/${siteId}/tailored-sessions`),
      onError: (error) => setErrors(errorsFromFailure(error, fieldOrder, 'The session could not be saved. Try again.')),
    });
  }
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;
  const linked = suggestions.data.some((s) => s.goals > 0);

  return (
    <QuestionPage back={`/sites/${siteId}/tailored-sessions`} errors={errors} caption={site.data.name} title="Choose a tailored support session">
      <form onSubmit={submit} noValidate>
        <TextField id="title" label="Give the session a title" hint="For example, Referral pathways and thresholds" error={errorFor('title')} maxLength={160} />
        <RadioGroup
          id="format"
          legend="How will it be delivered?"
          options={SessionFormat.options.map((f) => ({ value: f, label: sessionFormatLabels[f], hint: sessionFormatHints[f] }))}
          error={errorFor('format')}
        />
        <CheckboxGroup
          id="domains"
          legend="Which areas of the CASCADE framework should it cover?"
          hint={
            linked
              ? 'Select all that apply. The areas your goals are about come first. Open an area to see the content the session can draw on.'
              : 'Select all that apply. Open an area to see the content the session can draw on.'
          }
          error={errorFor('domains')}
          options={suggestions.data.map(({ domain, goals }) => ({
            value: String(domain.id),
            label: `${domain.id}. ${domain.shortTitle}`,
            hint: goals > 0 ? `Suggested: ${goals === 1 ? 'one of your goals is' : `${goals} of your goals are`} about this area` : undefined,
            detail: (
              <details className="govuk-details govuk-!-margin-bottom-2 govuk-!-margin-left-3">
                <summary className="govuk-details__summary">
                  <span className="govuk-details__summary-text">
                    Content<span className="govuk-visually-hidden"> for {domain.shortTitle}</span>
                  </span>
                </summary>
                <div className="govuk-details__text">
                  <ul className="govuk-list govuk-list--bullet govuk-body-s">
                    {domain.exampleContent.map((item) => (
                      <li key={item}>{item}</li>
                    ))}
                  </ul>
                </div>
              </details>
            ),
          }))}
        />
        <StartsAtField legend="When does it start?" hint={bookingWindowHint(timeline.data?.plan, 'tailored-support')} error={errorFor('startsAt')} />
        <TextField
          id="durationMinutes"
          label="How long is it, in minutes?"
          hint="A workshop or discussion lasts up to 3 hours (180 minutes). For an online learning module, about how long it takes to work through."
          inputMode="numeric"
          className="govuk-input--width-4"
          defaultValue="180"
          error={errorFor('durationMinutes')}
        />
        <button type="submit" className="govuk-button" disabled={choose.isPending}>
          Choose this session
        </button>
      </form>
    </QuestionPage>
  );
}
