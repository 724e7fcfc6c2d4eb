import { lazy, Suspense } from 'react';
import { completedWords } from '@shared/survey/count';
import { Link, useParams } from 'react-router';
import { ratingValues } from '@shared/cascade/framework';
import { changeFromBaseline } from '@shared/goals/gbo';
import { useMe } from '../../api/hooks';
import { reportDocumentUrl, reportPdfUrl, useEmailReport, useMeetingReport } from '../../api/reports';
import { useMeetingDetail } from '../../api/meetings';
import { Loading, ProblemPage } from '../../components/Layout';
import { formatDate } from '@shared/format';

const DomainRatingsChart = lazy(() => import('./DomainRatingsChart'));
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** The report of a closed meeting, for everyone on the site; prints cleanly, downloads as a PDF. */
export function MeetingReportPage() {
  const { meetingId = '' } = useParams();
  const report = useMeetingReport(meetingId);
  const detail = useMeetingDetail(meetingId);
  const me = useMe();
  const email = useEmailReport(meetingId);
  if (report.isError) return <ProblemPage title="The report is not available" message={report.error.message} />;
  if (!report.data || !detail.data || !me.data) return <Loading />;
  const r = report.data;
  const maySend = detail.data.abilities.includes('send-report');
  const review = r.domains.some((d) => d.previousRating !== null);
  const comparedWith = r.review?.comparedWith?.toLowerCase() ?? 'previous meeting';

  return (
    <>
      <Link to={`/meetings/${meetingId}`} className="govuk-back-link app-no-print">
        Back to the meeting
      </Link>
      <span className="govuk-caption-l">{r.site.name}</span>
      <h1 className="govuk-heading-l">Report: {r.meeting.kindLabel}</h1>
      <p className="govuk-body">Held on {formatDate(r.meeting.heldAt)}.</p>
      <div className="app-no-print govuk-button-group">
        <a className="govuk-button govuk-button--secondary" href={reportPdfUrl(meetingId)} download>
          Download as PDF
        </a>
        <a className="govuk-button govuk-button--secondary" href={reportDocumentUrl(meetingId, 'docx')} download>
          Download as Word (DOCX)
        </a>
        <a className="govuk-button govuk-button--secondary" href={reportDocumentUrl(meetingId, 'odt')} download>
          Download as OpenDocument (ODT)
        </a>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => window.print()}>
          Print
        </button>
        {maySend && (
          <button type="button" className="govuk-button" disabled={email.isPending || email.isSuccess} onClick={() => email.mutate()}>
            Email to the {r.attendance.total} people who attended
          </button>
        )}
      </div>
      {email.isSuccess && (
        <div className="govuk-notification-banner govuk-notification-banner--success app-no-print" role="alert">
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">The report was sent to {email.data.sent} people.</p>
          </div>
        </div>
      )}
      {email.isError && <p className="govuk-error-message">{email.error.message}</p>}

      <h2 className="govuk-heading-m">Who attended</h2>
      <p className="govuk-body">
        {r.attendance.total} {r.attendance.total === 1 ? 'person' : 'people'}: {r.attendance.bySector.map((s) => `${s.label} ${s.count}`).join(', ')}.
      </p>
      <p className="govuk-body">Organisations: {r.attendance.byOrganisation.map((o) => `${o.name} (${o.count})`).join(', ')}.</p>

      <h2 className="govuk-heading-m">The seven CASCADE domains</h2>
      <Suspense fallback={<div className="app-report-chart" />}>
        <DomainRatingsChart report={r} />
      </Suspense>
      {/* A data table cannot reflow: on a phone it scrolls sideways inside its own region, not the page. */}
      <div className="app-table-scroll" role="region" aria-label="Ratings by domain" tabIndex={0}>
        <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--s">Ratings from 1 to 5: before the meeting (number of people giving each rating) and agreed</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Domain</th>
            <th scope="col" className="govuk-table__header">Before the meeting (1 / 2 / 3 / 4 / 5 / don’t know)</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Agreed</th>
            {review && <th scope="col" className="govuk-table__header govuk-table__header--numeric">Change since the {comparedWith}</th>}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {r.domains.map((d) => (
            <tr className="govuk-table__row" key={d.id}>
              <th scope="row" className="govuk-table__header">
                {d.id}. {d.title}
              </th>
              <td className="govuk-table__cell">{[...ratingValues.map((v) => d.preRatings.counts[v - 1]), d.preRatings.dontKnow].join(' / ')}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{d.agreed?.rating ?? '–'}</td>
              {review && <td className="govuk-table__cell govuk-table__cell--numeric">{d.change === null ? '–' : signed(d.change)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      {r.domains
        .filter((d) => d.agreed || d.strengths.length || d.challenges.length || d.carriedOver.strengths.length || d.carriedOver.challenges.length || d.themes.length)
        .map((d) => (
          <section key={d.id} className="app-report-domain">
            <h3 className="govuk-heading-s">
              {d.id}. {d.title}
            </h3>
            {d.agreed && <p className="govuk-body">Why {d.agreed.rating}: {d.agreed.rationale}</p>}
            {d.strengths.length > 0 && (
              <>
                <p className="govuk-body govuk-!-margin-bottom-1">Strengths:</p>
                <ul className="govuk-list govuk-list--bullet">{d.strengths.map((s) => <li key={s}>{s}</li>)}</ul>
              </>
            )}
            {d.challenges.length > 0 && (
              <>
                <p className="govuk-body govuk-!-margin-bottom-1">Challenges:</p>
                <ul className="govuk-list govuk-list--bullet">{d.challenges.map((s) => <li key={s}>{s}</li>)}</ul>
              </>
            )}
            {d.carriedOver.strengths.length + d.carriedOver.challenges.length > 0 && (
              <>
                <p className="govuk-body govuk-!-margin-bottom-1">Carried over from the {r.review?.carriedFrom?.toLowerCase() ?? 'earlier meeting'}:</p>
                <ul className="govuk-list govuk-list--bullet">
                  {d.carriedOver.strengths.map((s) => <li key={`s-${s}`}>Strength: {s}</li>)}
                  {d.carriedOver.challenges.map((s) => <li key={`c-${s}`}>Challenge: {s}</li>)}
                </ul>
              </>
            )}
            {d.themes.length > 0 && (
              <>
                <p className="govuk-body govuk-!-margin-bottom-1">Themes the group found:</p>
                <ul className="govuk-list govuk-list--bullet">
                  {d.themes.map((t) => (
                    <li key={t.name}>
                      <strong>{t.name}</strong>: {t.notes.join('; ')}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        ))}

      <h2 className="govuk-heading-m">Areas of greatest need</h2>
      {r.areasOfNeed.length ? (
        <ol className="govuk-list govuk-list--number">{r.areasOfNeed.map((a) => <li key={a.id}>{a.title} ({a.votes} votes)</li>)}</ol>
      ) : (
        <p className="govuk-body">None were settled at this meeting.</p>
      )}

      <h2 className="govuk-heading-m">Goals</h2>
      {r.goals.length === 0 && <p className="govuk-body">No goals have been agreed yet.</p>}
      {r.goals.map((g) => (
        <div key={g.position} className="app-report-goal">
          <h3 className="govuk-heading-s">
            Goal {g.position}: {g.wording}
          </h3>
          <dl className="govuk-summary-list">
            {[
              ['What will change, and for whom', g.specific],
              ['Measure and target', `${g.measure}; ${g.target}`],
              ['Owner', g.namedOwner ?? 'Not yet named'],
              ['Accountable organisation and person', g.owner || 'Not given'],
              ['Due by', g.dueDate ? formatDate(g.dueDate) : 'Not given'],
              ['Ratings (0 to 10)', g.ratings.map((x) => `${x.label}: ${x.rating}`).join('; ') || 'Not yet rated'],
              ['Change from baseline', g.change === null ? 'Not yet re-rated' : `Now ${g.ratings.at(-1)!.rating} out of 10, ${changeFromBaseline(g.change)}`],
              ...(g.reviewed
                ? [
                    ['Progress made', g.reviewed.progress || 'Not recorded'],
                    ['Barriers', g.reviewed.barriers || 'Not recorded'],
                    ['How to overcome them', g.reviewed.overcome || 'Not recorded'],
                  ]
                : []),
            ].map(([key, value]) => (
              <div className="govuk-summary-list__row" key={key}>
                <dt className="govuk-summary-list__key">{key}</dt>
                <dd className="govuk-summary-list__value">{value}</dd>
              </div>
            ))}
          </dl>
        </div>
      ))}

      <h2 className="govuk-heading-m">Survey of schools and colleges</h2>
      {r.surveys.length === 0 && <p className="govuk-body">No survey was run for this site.</p>}
      {r.surveys.map((s) =>
        s.factors ? (
          <div key={s.title}>
            <p className="govuk-body">
              {s.title}: {completedWords(s)} completed.
            </p>
            <ul className="govuk-list govuk-list--bullet">{s.factors.map((f) => <li key={f.label}>{f.label}: mean {f.mean}</li>)}</ul>
          </div>
        ) : (
          <p className="govuk-body" key={s.title}>
            {s.title}: {completedWords(s)} completed; results are shown once {s.threshold} are complete.
          </p>
        ),
      )}

      <h2 className="govuk-heading-m">Actions</h2>
      {r.actions.length === 0 ? (
        <p className="govuk-body">No actions recorded.</p>
      ) : (
        <ul className="govuk-list govuk-list--bullet">
          {r.actions.map((a, i) => (
            <li key={i}>
              {a.about && `${a.about}: `}
              {a.what} – {a.owner}, due {formatDate(a.due)}
              {a.done && ' (done)'}
            </li>
          ))}
        </ul>
      )}

      <h2 className="govuk-heading-m">Decisions</h2>
      {r.decisions.length === 0 ? (
        <p className="govuk-body">No decisions recorded.</p>
      ) : (
        <ul className="govuk-list govuk-list--bullet">
          {r.decisions.map((d) => (
            <li key={d.recordedAt + d.text}>
              {d.about && `${d.about}: `}
              {d.text}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
