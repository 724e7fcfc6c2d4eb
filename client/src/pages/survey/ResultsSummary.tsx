import { cascadeDomains } from '@shared/cascade/framework';
import { factorDomains } from '@shared/cascade/survey-mapping';
import type { SurveyResults } from '@shared/survey/results';

/**
 * The released results of a survey: its factor profile and the highest and lowest rated items.
 * A module of its own, so that the meeting's welcome phase, which shows it, does not load the
 * survey's management page with it.
 */
export function ResultsSummary({ results }: { results: SurveyResults }) {
  const ranked = [...results.items].filter((i) => i.n > 0).sort((a, b) => b.mean - a.mean);
  return (
    <>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--s">Factor profile (1 = least, 5 = most)</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Factor</th>
            <th scope="col" className="govuk-table__header">Average</th>
            <th scope="col" className="govuk-table__header">CASCADE domains it speaks to</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {results.factors.map((f) => (
            <tr className="govuk-table__row" key={f.id}>
              <th scope="row" className="govuk-table__header govuk-!-font-weight-regular">{f.label}</th>
              <td className="govuk-table__cell">
                <span className="app-distribution__bar" style={{ width: `${(f.mean / 5) * 8}em` }} aria-hidden="true" />
                <span className="app-distribution__count">{f.mean.toFixed(1)}</span> <span className="govuk-body-s">(spread {f.sd.toFixed(1)})</span>
              </td>
              <td className="govuk-table__cell govuk-body-s">{(factorDomains[f.id] ?? []).map((d) => `${d}. ${cascadeDomains[d - 1]!.shortTitle}`).join('; ') || '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <h3 className="govuk-heading-s">Highest rated</h3>
          <ol className="govuk-list govuk-list--number">
            {ranked.slice(0, 3).map((i) => (
              <li key={i.id}>
                {i.text} ({i.mean.toFixed(1)})
              </li>
            ))}
          </ol>
        </div>
        <div className="govuk-grid-column-one-half">
          <h3 className="govuk-heading-s">Lowest rated</h3>
          <ol className="govuk-list govuk-list--number">
            {ranked.slice(-3).reverse().map((i) => (
              <li key={i.id}>
                {i.text} ({i.mean.toFixed(1)})
              </li>
            ))}
          </ol>
        </div>
      </div>
    </>
  );
}
