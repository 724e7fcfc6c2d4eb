import { Link } from 'react-router';
import type { Ability } from '@shared/policy';
import type { CampaignSummary } from '@shared/survey/api';
import { useTimeline } from '../../api/programme';
import { useSiteSurveys, useSurveyCount } from '../../api/surveys';
import { SurveyCounter } from './SurveyCounter';

/** The school survey on the site page, with its live count. */
export function SurveysSection({ siteId, abilities }: { siteId: string; abilities: readonly Ability[] }) {
  const surveys = useSiteSurveys(siteId);
  const notRunning = useTimeline(siteId).data?.surveyRunning === false;
  const manages = abilities.includes('open-survey');
  return (
    <>
      <h2 className="govuk-heading-m">Survey of schools and colleges</h2>
      {notRunning && <p className="govuk-body">This site is not running the survey.</p>}
      {!notRunning && surveys.data?.length === 0 && <p className="govuk-body">No survey has been opened yet.</p>}
      {surveys.data?.map((campaign) => <CampaignCard key={campaign.id} campaign={campaign} />)}
      {manages && !notRunning && (
        <Link to={`/sites/${siteId}/surveys/new`} role="button" draggable="false" className="govuk-button govuk-button--secondary">
          Open a survey
        </Link>
      )}
      {manages && (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/sites/${siteId}/surveys/choice`}>
            {notRunning ? 'Run the survey after all' : 'This site is not running the survey'}
          </Link>
        </p>
      )}
    </>
  );
}

function CampaignCard({ campaign }: { campaign: CampaignSummary }) {
  const count = useSurveyCount(campaign.id, { campaignId: campaign.id, completed: campaign.completed, completedExact: campaign.completedExact, threshold: campaign.threshold, closesAt: campaign.closesAt });
  return (
    <div className="app-card">
      <p className="govuk-body govuk-!-margin-bottom-1">
        <Link className="govuk-link govuk-!-font-weight-bold" to={`/surveys/${campaign.id}`}>
          {campaign.title}
        </Link>
      </p>
      {count && <SurveyCounter count={count} closesAt={campaign.closesAt} />}
    </div>
  );
}
