import type { ReactNode } from 'react';

/** A GOV.UK table; the caption is for screen readers unless `showCaption`. */
export function Table({ caption, head, rows, className = '', showCaption = false }: { caption: string; head: ReactNode[]; rows: { key: string; cells: ReactNode[] }[]; className?: string; showCaption?: boolean }) {
  return (
    <table className={`govuk-table ${className}`.trim()}>
      <caption className={`govuk-table__caption ${showCaption ? 'govuk-table__caption--s' : 'govuk-visually-hidden'}`}>{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          {head.map((header, index) => (
            <th key={index} scope="col" className="govuk-table__header">
              {header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {rows.map((row) => (
          <tr className="govuk-table__row" key={row.key}>
            {row.cells.map((cell, index) => (
              <td key={index} className="govuk-table__cell">
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
