import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useSite } from '../../api/hooks';
import { useSaveSurveyChoice, useTimeline } from '../../api/programme';
import { errorsFromFailure, QuestionPage, RadioGroup, type ErrorItem } from '../../components/forms';
import { Loading, ProblemPage } from '../../components/Layout';

/**
 * Whether the site runs the school and FE college survey: it is optional (guide section 3), and a
 * site not running it should not see its deadlines overdue. One question; it can be changed back.
 */
export function SurveyChoicePage() {
  const { siteId = '' } = useParams();
  const site = useSite(siteId);
  const timeline = useTimeline(siteId);
  const save = useSaveSurveyChoice(siteId);
  const navigate = useNavigate();
  const [errors, setErrors] = useState<ErrorItem[]>([]);

  if (site.isPending || timeline.isPending) return <Loading />;
  if (site.isError || timeline.isError || !site.data.abilities.includes('open-survey')) {
    return <ProblemPage title="You cannot change this" message="Facilitators and the strategic lead decide whether the site runs the school survey." />;
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const running = new FormData(event.currentTarget).get('running');
    if (running !== 'yes' && running !== 'no') return setErrors([{ field: 'running', message: 'Choose whether this site is running the school and FE college survey' }]);
    save.mutate(
      { running: running === 'yes' },
      {
        onSuccess: () => navigate(`/sites/${siteId}`),
        onError: (error) => setErrors(errorsFromFailure(error, ['running'], 'Your answer could not be saved. Try again.')),
      },
    );
  }

  return (
    <QuestionPage back={`/sites/${siteId}`} errors={errors} caption={site.data.name} title="Is this site running the school and FE college survey?">
      <p className="govuk-body">
        The survey is not compulsory, and you can survey some or all of your schools and FE colleges. If you do not run it, its deadlines are shown as not needed. You can change this
        later.
      </p>
      <form onSubmit={submit} noValidate>
        <RadioGroup
          id="running"
          legend="Is this site running the school and FE college survey?"
          options={[
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No, this site is not running the survey' },
          ]}
          // Only an answer someone gave is shown chosen (GOV.UK: never pre-select one): a site runs
          // the survey until someone says it will not, which is no answer to this question.
          defaultValue={timeline.data.surveyRunning ? undefined : 'no'}
          error={errors.find((e) => e.field === 'running')?.message}
        />
        <button type="submit" className="govuk-button" disabled={save.isPending}>
          Save and continue
        </button>
      </form>
    </QuestionPage>
  );
}
