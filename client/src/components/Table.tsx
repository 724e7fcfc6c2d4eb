import type { ReactNode } from 'react';

/**
 * A GOV.UK table; the caption is for screen readers unless `showCaption`. On a phone what does
 * not fit scrolls inside its own region (which takes keyboard focus, so it can be scrolled
 * without a pointer) rather than widening the page. Wrap an email address in `Breakable`.
 */
export function Table({ caption, head, rows, className = '', showCaption = false }: { caption: string; head: ReactNode[]; rows: { key: string; cells: ReactNode[] }[]; className?: string; showCaption?: boolean }) {
  return (
    <div className="app-table-scroll" role="region" aria-label={caption} tabIndex={0}>
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
    </div>
  );
}

/** Text with no spaces to break at (an email address) that may break anywhere, so a table column can be narrow. */
export const Breakable = ({ children }: { children: string }) => <span className="app-breakable">{children}</span>;
