import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { agreementScale, EvaluationKind, questionsFor } from '@shared/evaluation/questions';
import { useSubmitEvaluation } from '../../api/evaluation';
import { useSite } from '../../api/hooks';
import { errorsFromFailure, type ErrorItem, QuestionPage } from '../../components/forms';
import { Loading, ProblemPage } from '../../components/Layout';

const titles: Record<EvaluationKind, string> = {
  baseline: 'How joined-up is the work here now?',
  'follow-up': 'How joined-up is the work here now, after the programme?',
  feedback: 'Your feedback on the session',
};

/** A stakeholder's evaluation survey: one section of statements, answered on a 5-point scale. */
export function EvaluationFormPage() {
  const { siteId = '', kind: kindParam = '' } = useParams();
  const [search] = useSearchParams();
  const meetingId = search.get('meeting');
  const site = useSite(siteId);
  const submit = useSubmitEvaluation(siteId);
  const [missing, setMissing] = useState<ErrorItem[]>([]);
  const kind = EvaluationKind.safeParse(kindParam);
  if (!kind.success) return <ProblemPage title="Page not found" message="There is no such survey." />;
  if (!site.data) return <Loading />;
  const questions = questionsFor(kind.data);
  if (submit.isSuccess) {
    return (
      <>
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">Thank you</h1>
          <div className="govuk-panel__body">Your answers were sent</div>
        </div>
        <p className="govuk-body">
          <Link to={`/sites/${siteId}`} className="govuk-link">
            Back to {site.data.name}
          </Link>
        </p>
      </>
    );
  }
  const serverErrors = submit.isError ? errorsFromFailure(submit.error, [], 'Your answers could not be sent. Try again.') : [];
  const errors = missing.length ? missing : serverErrors;

  return (
    <QuestionPage back={`/sites/${siteId}`} errors={errors} caption={`${site.data.name} – survey for the Link Programme`} title={titles[kind.data]}>
      <p className="govuk-body">Your answers are only ever shown as totals and averages, never as yours.</p>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const answers = Object.fromEntries(questions.map((q) => [q.id, Number(form.get(q.id))]).filter(([, v]) => v));
          const unanswered = questions.filter((q) => !answers[q.id]).map((q) => ({ field: q.id, message: `Answer “${q.text}”` }));
          setMissing(unanswered);
          if (!unanswered.length) submit.mutate({ kind: kind.data, meetingId, answers });
        }}
      >
        {questions.map((q) => {
          const error = errors.find((e) => e.field === q.id)?.message;
          return (
            <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`} key={q.id}>
              <fieldset className="govuk-fieldset">
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{q.text}</legend>
                {error && (
                  <p className="govuk-error-message">
                    <span className="govuk-visually-hidden">Error:</span> {error}
                  </p>
                )}
                <div className="govuk-radios govuk-radios--small">
                  {agreementScale.map((option, index) => {
                    const id = index === 0 ? q.id : `${q.id}-${option.value}`;
                    return (
                      <div className="govuk-radios__item" key={option.value}>
                        <input className="govuk-radios__input" id={id} name={q.id} type="radio" value={option.value} />
                        <label className="govuk-label govuk-radios__label" htmlFor={id}>
                          {option.label}
                        </label>
                      </div>
                    );
                  })}
                </div>
              </fieldset>
            </div>
          );
        })}
        <button type="submit" className="govuk-button" disabled={submit.isPending}>
          Send answers
        </button>
      </form>
    </QuestionPage>
  );
}
