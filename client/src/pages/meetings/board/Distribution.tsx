import { dontKnowLabel, ratingValues } from '@shared/cascade/framework';
import type { RatingDistribution } from '@shared/meetings/ratings';

/**
 * How the group rated something: a table (what screen readers read) whose cells carry bars
 * (what people on a shared screen see). No names, only counts.
 */
function CountBars({ rows, caption, total }: { rows: { label: string; count: number }[]; caption: string; total: number }) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <table className="govuk-table app-distribution">
      <caption className="govuk-table__caption govuk-table__caption--s">
        {caption} ({total} {total === 1 ? 'answer' : 'answers'})
      </caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Rating</th>
          <th scope="col" className="govuk-table__header">People</th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {rows.map((row) => (
          <tr className="govuk-table__row" key={row.label}>
            <th scope="row" className="govuk-table__header app-distribution__label">{row.label}</th>
            <td className="govuk-table__cell">
              <span className="app-distribution__bar" style={{ width: `${(row.count / max) * 100}%` }} aria-hidden="true" />
              <span className="app-distribution__count">{row.count}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The pre-meeting ratings of a CASCADE domain, 1–5 and "don't know". */
export function Distribution({ distribution, caption }: { distribution: RatingDistribution; caption: string }) {
  const rows = [
    ...ratingValues.map((value) => ({ label: String(value), count: distribution.counts[value - 1]! })),
    { label: dontKnowLabel, count: distribution.dontKnow },
  ];
  return <CountBars rows={rows} caption={caption} total={distribution.responses} />;
}

/** The tallest bar, leaving room in the 70 px cell for the count under it (a percentage of the cell pushed the count onto the rating). */
const gboBarMaxPx = 46;

/**
 * Goal Based Outcomes ratings 0–10 as one compact strip: a column per rating with its bar and
 * count. A table underneath, so screen readers read rating and count together.
 */
export function GboStrip({ counts, caption }: { counts: number[]; caption: string }) {
  const max = Math.max(1, ...counts);
  const total = counts.reduce((a, b) => a + b, 0);
  return (
    <table className="app-gbo-strip">
      <caption className="govuk-table__caption govuk-table__caption--s">
        {caption} ({total} {total === 1 ? 'rating' : 'ratings'})
      </caption>
      <tbody>
        <tr>
          <th scope="row" className="govuk-visually-hidden">
            People
          </th>
          {counts.map((count, rating) => (
            <td key={rating} className="app-gbo-strip__cell">
              <span className="app-gbo-strip__bar" style={{ height: `${(count / max) * gboBarMaxPx}px` }} aria-hidden="true" />
              <span className="app-gbo-strip__count">{count}</span>
            </td>
          ))}
        </tr>
        <tr>
          <th scope="row" className="govuk-visually-hidden">
            Rating
          </th>
          {counts.map((_, rating) => (
            <th key={rating} scope="col" className="app-gbo-strip__rating">
              {rating}
            </th>
          ))}
        </tr>
      </tbody>
    </table>
  );
}
