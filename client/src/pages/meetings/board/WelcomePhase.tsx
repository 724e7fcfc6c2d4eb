import { cascadeDomains } from '@shared/cascade/framework';
import { completedWords } from '@shared/survey/count';
import { useSiteSurveys, useSurveyResults } from '../../../api/surveys';
import { ResultsSummary } from '../../survey/ResultsSummary';

/** The site's latest school survey, as the anonymity rules allow it to be shown, and why not when they do not. */
function SurveySummary({ siteId }: { siteId: string }) {
  const surveys = useSiteSurveys(siteId);
  const latest = surveys.data?.at(-1);
  const results = useSurveyResults(latest?.id ?? '', '', latest?.completed);
  if (!surveys.data) return <p className="govuk-body">Loading the survey…</p>;
  if (!latest) return <p className="govuk-body">No survey of schools and colleges was run for this site.</p>;
  const answer = latest.id ? results.data?.answer : undefined;
  if (!answer) return <p className="govuk-body">Loading the survey results…</p>;
  const completedSentence = `${completedWords(latest)} ${latest.completedExact && latest.completed === 1 ? 'school or college has' : 'schools and colleges have'} completed the survey.`;
  if (answer.kind === 'withheld') {
    // Not a matter of waiting for more answers: "no figures are shown before then" would mislead.
    return (
      <div className="govuk-inset-text">
        {completedSentence} {answer.reason}. The facilitator may show them on the shared screen.
      </div>
    );
  }
  if (answer.kind !== 'results') {
    return (
      <div className="govuk-inset-text">
        {completedSentence}{' '}
        {answer.kind === 'too-few' ? answer.reason : 'Its results are not shown here'}: no figures are shown before then, so that no school or college can be identified.
      </div>
    );
  }
  return (
    <>
      <p className="govuk-body">
        From the first {results.data!.released} completed surveys ({completedWords(latest)} in all so far). Higher is better; the domains each factor speaks to are beside it.
      </p>
      <ResultsSummary results={answer.results} />
    </>
  );
}

/** The welcome phase: why we are here, what the schools said, and the seven domains. */
export function WelcomePhase({ siteId }: { siteId: string }) {
  return (
    <section aria-labelledby="welcome-heading">
      <p className="govuk-body-l">Welcome. Today we look at how education and mental health services work together here, domain by domain, and agree where to focus.</p>
      <h2 className="govuk-heading-m" id="welcome-heading">
        What schools and colleges told us
      </h2>
      <SurveySummary siteId={siteId} />
      <h2 className="govuk-heading-m">The seven CASCADE domains</h2>
      <ol className="govuk-list govuk-list--number">
        {cascadeDomains.map((d) => (
          <li key={d.id}>{d.title}</li>
        ))}
      </ol>
    </section>
  );
}
