import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { directoryCsvColumns } from '@shared/directory/directory';
import { directoryCsvUrl, useConfirmEntry, useDirectory, useImportDirectory, useRemoveEntry, type ListedEntry } from '../../api/directory';
import { useSite } from '../../api/hooks';
import { ErrorSummary, errorsFromFailure } from '../../components/forms';
import { Loading, ProblemPage } from '../../components/Layout';
import { formatDate } from '@shared/format';

function EntryCard({ siteId, entry }: { siteId: string; entry: ListedEntry }) {
  const confirm = useConfirmEntry(siteId);
  const remove = useRemoveEntry(siteId);
  const rows: [string, string][] = [
    ['Who it is for', entry.forWhom],
    ['Referral route and thresholds', entry.referralRoute],
    ['Point of contact', entry.contactName],
    ['How to contact', entry.contactHow],
    ['Last confirmed', formatDate(entry.lastConfirmed)],
  ];
  return (
    <div className="govuk-summary-card">
      <div className="govuk-summary-card__title-wrapper">
        <h2 className="govuk-summary-card__title">
          {entry.service}, {entry.organisation} {entry.stale && <strong className="govuk-tag govuk-tag--yellow app-tag--wide">Not confirmed for 6 months</strong>}
        </h2>
        <ul className="govuk-summary-card__actions">
          <li className="govuk-summary-card__action">
            <button type="button" className="app-link-button govuk-link" disabled={confirm.isPending} onClick={() => confirm.mutate(entry.id)}>
              Confirm it is still correct<span className="govuk-visually-hidden"> ({entry.service})</span>
            </button>
          </li>
          <li className="govuk-summary-card__action">
            <Link className="govuk-link" to={`/sites/${siteId}/directory/${entry.id}/edit`}>
              Change<span className="govuk-visually-hidden"> {entry.service}</span>
            </Link>
          </li>
          <li className="govuk-summary-card__action">
            <button
              type="button"
              className="app-link-button govuk-link"
              onClick={() => {
                if (window.confirm(`Remove ${entry.service} from the directory?`)) remove.mutate(entry.id);
              }}
            >
              Remove<span className="govuk-visually-hidden"> {entry.service}</span>
            </button>
          </li>
        </ul>
      </div>
      <div className="govuk-summary-card__content">
        <dl className="govuk-summary-list">
          {rows.map(([k, v]) => (
            <div className="govuk-summary-list__row" key={k}>
              <dt className="govuk-summary-list__key">{k}</dt>
              <dd className="govuk-summary-list__value">{v}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}

/** The site's local services directory: searchable, kept up to date by every member, CSV in and out. */
export function DirectoryPage() {
  const { siteId = '' } = useParams();
  const site = useSite(siteId);
  const [query, setQuery] = useState('');
  const directory = useDirectory(siteId, query);
  const importCsv = useImportDirectory(siteId);
  if (site.isError || directory.isError) return <ProblemPage title="The directory could not be loaded" message="Check you are a member of this site." />;
  if (!site.data || !directory.data) return <Loading />;
  const errors = importCsv.isError ? errorsFromFailure(importCsv.error, [], 'The file could not be imported. Try again.').map((e) => ({ ...e, field: 'directory-import' })) : [];

  return (
    <>
      <Link to={`/sites/${siteId}`} className="govuk-back-link">
        Back to {site.data.name}
      </Link>
      <ErrorSummary errors={errors} />
      <span className="govuk-caption-l">{site.data.name}</span>
      <h1 className="govuk-heading-l">Local services directory</h1>
      <p className="govuk-body">Local support for children and young people’s mental health: who offers what, how to refer, and whom to contact. Entries not confirmed for 6 months are flagged.</p>
      <Link to={`/sites/${siteId}/directory/new`} role="button" draggable="false" className="govuk-button">
        Add an entry
      </Link>
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor="directory-search">
          Search the directory
        </label>
        <div className="govuk-hint" id="directory-search-hint">
          For example, a service, an organisation or who it is for
        </div>
        <input className="govuk-input govuk-!-width-two-thirds" id="directory-search" type="search" aria-describedby="directory-search-hint" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <p className="govuk-body" aria-live="polite">
        {directory.data.length} {directory.data.length === 1 ? 'entry' : 'entries'}
        {query && ` matching “${query}”`}
      </p>
      {directory.data.map((entry) => (
        <EntryCard key={entry.id} siteId={siteId} entry={entry} />
      ))}
      <h2 className="govuk-heading-m">Spreadsheets</h2>
      <p className="govuk-body">
        <a className="govuk-link" href={directoryCsvUrl(siteId)} download>
          Download the directory (CSV)
        </a>
      </p>
      <div className={`govuk-form-group${errors.length ? ' govuk-form-group--error' : ''}`}>
        <label className="govuk-label govuk-label--s" htmlFor="directory-import">
          Add entries from a CSV file
        </label>
        <div className="govuk-hint" id="directory-import-hint">
          With the columns {directoryCsvColumns.map((c) => c.header).join(', ')}. If any row has a problem, nothing is added.
        </div>
        {errors[0] && <p className="govuk-error-message">{errors[0].message}</p>}
        <input
          className="govuk-file-upload"
          id="directory-import"
          type="file"
          accept=".csv,text/csv"
          aria-describedby="directory-import-hint"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (file) importCsv.mutate(await file.text());
            e.target.value = '';
          }}
        />
      </div>
      {importCsv.isSuccess && <p className="govuk-body">{importCsv.data.imported} entries added.</p>}
    </>
  );
}
