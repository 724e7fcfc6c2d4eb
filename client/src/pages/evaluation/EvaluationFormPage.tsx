import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { agreementScale, EvaluationKind, questionsFor } from '@shared/evaluation/questions';
import { useSubmitEvaluation } from '../../api/evaluation';
import { useSite } from '../../api/hooks';
import { errorsFromFailure, type ErrorItem, QuestionPage, RadioGroup } from '../../components/forms';
import { Loading, ProblemPage } from '../../components/Layout';

const scaleOptions = agreementScale.map((o) => ({ value: String(o.value), label: o.label }));

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
        {questions.map((q) => (
          <RadioGroup key={q.id} id={q.id} legend={q.text} options={scaleOptions} error={errors.find((e) => e.field === q.id)?.message} />
        ))}
        <button type="submit" className="govuk-button" disabled={submit.isPending}>
          Send answers
        </button>
      </form>
    </QuestionPage>
  );
}
