import { formatDate } from '@shared/format';
import { Link, useParams } from 'react-router';
import { minimumToShow } from '@shared/evaluation/questions';
import { useEvaluationResults } from '../../api/evaluation';
import { useSite } from '../../api/hooks';
import { Loading, ProblemPage } from '../../components/Layout';

const shown = (n: number | null) => (n === null ? 'Not shown yet' : String(n));
const signed = (n: number | null) => (n === null ? '–' : n > 0 ? `+${n}` : String(n));

/** For facilitators: how many answered, and the change from baseline to follow-up per statement. */
export function EvaluationResultsPage() {
  const { siteId = '' } = useParams();
  const site = useSite(siteId);
  const results = useEvaluationResults(siteId);
  if (results.isError && !results.data) return <ProblemPage title="The evaluation results are for facilitators" message={results.error.message} />;
  if (!site.data || !results.data) return <Loading />;
  const r = results.data;
  return (
    <>
      <Link to={`/sites/${siteId}`} className="govuk-back-link">
        Back to {site.data.name}
      </Link>
      <span className="govuk-caption-l">{site.data.name}</span>
      <h1 className="govuk-heading-l">Evaluation results</h1>
      {r.answersDeletedOn && (
        <div className="govuk-inset-text">
          The answers were deleted on {formatDate(r.answersDeletedOn)} under the retention rule. The figures already shown stay; nothing new can be worked out.
        </div>
      )}
      <p className="govuk-body">
        Of {r.invited} people on the site: {r.responses.baseline} answered the baseline survey, {r.responses['follow-up']} the follow-up, and {r.responses.feedback} gave feedback.
      </p>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m">
          Change from baseline to follow-up ({r.change[0]?.paired ? `${r.change[0].paired} people who answered both` : 'people who answered both'}; 1 to 5)
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Statement</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Baseline</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Follow-up</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Change</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {r.change.map((c) => (
            <tr className="govuk-table__row" key={c.id}>
              <th scope="row" className="govuk-table__header">{c.text}</th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{shown(c.baseline)}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{shown(c.followUp)}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{signed(c.change)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="govuk-body">
        Averages are shown once at least {minimumToShow} people have answered, and are updated only when no comparison with what was shown before could reveal
        fewer than {minimumToShow} people’s answers. Until then the last averages shown stay, with the number of answers they cover.
      </p>
      <h2 className="govuk-heading-m">Feedback on sessions</h2>
      <dl className="govuk-summary-list">
        {r.feedback.map((f) => (
          <div className="govuk-summary-list__row" key={f.id}>
            <dt className="govuk-summary-list__key">{f.text}</dt>
            <dd className="govuk-summary-list__value">{f.mean === null ? 'Not shown yet' : `${f.mean} out of 5 (${f.responses} answers)`}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
