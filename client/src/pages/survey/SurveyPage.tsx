import { protectionStatement } from '@shared/survey/protection';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useAccessCodes, useSurvey, useSurveyCount, useSurveyResults } from '../../api/surveys';
import { Loading, ProblemPage } from '../../components/Layout';
import { formatDateTime } from '@shared/format';
import { ResultsSummary } from './ResultsSummary';
import { PersonalLinks } from './PersonalLinks';
import { SurveyCounter } from './SurveyCounter';
import { SurveyDates } from './SurveyDates';
import { useSite } from '../../api/hooks';

export function SurveyPage() {
  const { campaignId = '' } = useParams();
  const survey = useSurvey(campaignId);
  const site = useSite(survey.data?.siteId ?? '');
  const count = useSurveyCount(campaignId);
  const results = useSurveyResults(campaignId, '', count?.completed);
  const breakdown = useSurveyResults(campaignId, '?breakdown=setting', count?.completed);
  if (survey.isPending) return <Loading />;
  if (survey.isError) return <ProblemPage title="You do not have access to this survey" message="Only members of the site can see its survey." />;
  const campaign = survey.data;
  const answer = results.data?.answer;

  return (
    <>
      <Link to={`/sites/${campaign.siteId}`} className="govuk-back-link app-no-print">
        Back to the site
      </Link>
      <span className="govuk-caption-l">Survey of schools and colleges</span>
      <h1 className="govuk-heading-l">{campaign.title}</h1>
      {campaign.demonstration && (
        <div className="govuk-inset-text">This survey uses demonstration questions, not the published ESMHCI-S. Its results show how the tool works and are not ESMHCI-S findings.</div>
      )}
      {/* The live count goes only to those who run the survey; others, and everyone once it has closed, see the survey's own. */}
      <SurveyCounter
        count={count && !campaign.completedExact ? count : { campaignId, completed: campaign.completed, completedExact: campaign.completedExact, threshold: campaign.threshold, closesAt: campaign.closesAt }}
        closesAt={campaign.closesAt}
      />

      {site.data?.abilities.includes('hand-out-survey-access') && (
        <div className="app-no-print">
          <h2 className="govuk-heading-m">Send it to schools and colleges</h2>
          <div className="govuk-inset-text">
            <strong>Who the answers are protected against.</strong> {protectionStatement[campaign.accessMode]}
          </div>
          {campaign.accessMode === 'personal' ? (
            <p className="govuk-body">
              Open from {formatDateTime(campaign.opensAt)} until {formatDateTime(campaign.closesAt)}. Each school or college is emailed its own link.
            </p>
          ) : (
            <>
              <p className="govuk-body">
                Open from {formatDateTime(campaign.opensAt)} until {formatDateTime(campaign.closesAt)}. Link: <code className="app-code">{campaign.publicUrl}</code>
              </p>
              <details className="govuk-details">
                <summary className="govuk-details__summary">
                  <span className="govuk-details__summary-text">Email text to send with the link</span>
                </summary>
                <div className="govuk-details__text">
                  <pre className="app-email-text">{campaign.emailText}</pre>
                </div>
              </details>
            </>
          )}
          {campaign.accessMode === 'codes' && <AccessCodes campaignId={campaignId} />}
          {campaign.accessMode === 'personal' && <PersonalLinks campaign={campaign} />}
        </div>
      )}
      {site.data?.abilities.includes('open-survey') && <SurveyDates campaign={campaign} />}

      <h2 className="govuk-heading-m">Results</h2>
      {answer?.kind === 'deleted' || answer?.kind === 'withheld' ? (
        <p className="govuk-body">{answer.reason}.</p>
      ) : !answer || answer.kind === 'too-few' ? (
        <p className="govuk-body">{answer?.kind === 'too-few' ? answer.reason : 'Loading…'}. No figures are shown before then, so that no school or college can be identified.</p>
      ) : answer.kind === 'results' ? (
        <>
          <p className="govuk-body">
            Based on the first {results.data!.released} completed surveys. Results update after every {results.data!.threshold} more, and a figure is only shown if no
            combination with anything shown before could single out fewer than {results.data!.threshold} schools or colleges.
          </p>
          <ResultsSummary results={answer.results} />
          {breakdown.data?.answer.kind === 'breakdown' && (
            <>
              <h3 className="govuk-heading-s">By type of setting</h3>
              <ul className="govuk-list">
                {breakdown.data.answer.groups.map((group) => (
                  <li key={group.value}>
                    <strong>{group.label}:</strong>{' '}
                    {group.results
                      ? `${group.results.responses} surveys; ${group.results.factors.map((f) => `${f.label} ${f.mean.toFixed(1)}`).join(', ')}`
                      : 'not shown, to keep schools anonymous'}
                    {group.results && group.asOf !== results.data!.released && ` (from the first ${group.asOf} surveys)`}
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className="govuk-button-group app-no-print">
            <a className="govuk-button govuk-button--secondary" href={`/api/surveys/${campaignId}/export.csv`} download>
              Download figures (CSV)
            </a>
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => window.print()}>
              Print report
            </button>
          </div>
        </>
      ) : null}
    </>
  );
}

function AccessCodes({ campaignId }: { campaignId: string }) {
  const generate = useAccessCodes(campaignId);
  const [count, setCount] = useState('20');
  return (
    <>
      <h3 className="govuk-heading-s">Access codes</h3>
      <p className="govuk-body">Give one code to each school or college. Codes are shown only once: copy or print them now.</p>
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor="code-count">
          How many codes do you need?
        </label>
        <input className="govuk-input govuk-input--width-4" id="code-count" inputMode="numeric" value={count} onChange={(e) => setCount(e.target.value)} />
      </div>
      <button type="button" className="govuk-button govuk-button--secondary" onClick={() => generate.mutate(Number(count))}>
        Make codes
      </button>
      {generate.error && <p className="govuk-error-message">{generate.error.message}</p>}
      {generate.data && (
        <ul className="govuk-list app-codes">
          {generate.data.codes.map((code) => (
            <li key={code}>
              <code className="app-code">{code}</code>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
