import type { SurveyCount } from '@shared/survey/api';
import { ukDaysBetween } from '@shared/dates';
import { completedWords, countStep } from '@shared/survey/count';

/**
 * Completed surveys against the threshold, and days left: all that is shown before results.
 * `closesAt` comes from the survey itself, which changes when someone closes it early or extends it.
 */
export function SurveyCounter({ count, closesAt }: { count: SurveyCount; closesAt: string }) {
  const closed = Date.parse(closesAt) <= Date.now();
  const daysLeft = ukDaysBetween(new Date(), closesAt);
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
      <p className="govuk-body-s">{closed ? 'The survey has closed' : daysLeft === 0 ? 'Closes today' : `${daysLeft} ${daysLeft === 1 ? 'day' : 'days'} left`}</p>
    </div>
  );
}
