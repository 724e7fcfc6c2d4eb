import type { SurveyCount } from '@shared/survey/api';
import { completedWords, countStep } from '@shared/survey/count';

/** Completed surveys against the threshold, and days left: all that is shown before results. */
export function SurveyCounter({ count }: { count: SurveyCount }) {
  const daysLeft = Math.ceil((Date.parse(count.closesAt) - Date.now()) / 86400_000);
  const reached = count.completed >= count.threshold;
  const words = completedWords(count);
  return (
    <div className="app-survey-counter">
      <p className="govuk-body govuk-!-margin-bottom-1" aria-live="polite">
        <strong className="app-survey-counter__number">{words}</strong> completed
        {reached ? ' – enough to show results' : ` of ${count.threshold} needed before any results are shown`}
      </p>
      <progress className="app-survey-counter__bar" max={count.threshold} value={Math.min(count.completed, count.threshold)} aria-label={`${words} of ${count.threshold} needed`} />
      {!count.completedExact && (
        <p className="govuk-body-s govuk-!-margin-bottom-1">
          While the survey is open the count moves in {countStep}s, so that nobody can tell when one school or college answered.
        </p>
      )}
      <p className="govuk-body-s">{daysLeft > 0 ? `${daysLeft} ${daysLeft === 1 ? 'day' : 'days'} left` : 'The survey has closed'}</p>
    </div>
  );
}
