import { effectiveThreshold } from '@shared/survey/anonymity';
import type { CampaignSummary, DrawnSurveys } from '@shared/survey/api';
import type { Store } from '../store';
import type { SurveyCampaignRecord } from '../store/store';
import { surveyInvitations } from './personal-links';
import type { ResultsReader, SurveyService } from './service';

type SummaryDeps = { store: Store; surveys: SurveyService; publicUrl: string };

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', hourCycle: 'h12', timeZone: 'Europe/London' });

/**
 * What a site's members see of a survey: its dates, how schools get in, how many have answered,
 * and the text to send them. Used by the survey's routes and by the meeting board the server draws.
 */
export function campaignSummaries(deps: SummaryDeps) {
  const { store, surveys } = deps;
  const publicLink = (c: SurveyCampaignRecord) => `${deps.publicUrl}/s/${c.publicToken}`;

  async function summary(campaign: SurveyCampaignRecord, siteName: string): Promise<CampaignSummary> {
    const instrument = await surveys.instrumentOf(campaign);
    const releases = await store.getReleases(campaign.id);
    return {
      id: campaign.id,
      siteId: campaign.siteId,
      title: instrument.title,
      demonstration: instrument.demonstration,
      opensAt: campaign.opensAt,
      closesAt: campaign.closesAt,
      accessMode: campaign.accessMode,
      personalLinksSent: campaign.accessMode === 'personal' ? (await surveyInvitations(store, campaign.id)).sent.length : 0,
      threshold: effectiveThreshold(campaign.threshold),
      ...surveys.published(campaign, await store.countResponses(campaign.id)),
      released: releases.length > 0,
      publicUrl: publicLink(campaign),
      emailText: [
        `Dear colleague,`,
        '',
        `${siteName} is taking part in the Link Programme, which helps schools, colleges and mental health services work together. We would like every school and college in the area to complete a short survey about how you work with mental health services. It takes about 10 minutes.`,
        '',
        `Please complete it by ${dateFormat.format(new Date(campaign.closesAt))}: ${publicLink(campaign)}`,
        campaign.accessMode === 'codes' ? 'You will need the access code we have sent your school or college separately.' : '',
        campaign.accessMode === 'personal' ? '(Each school and college is emailed its own link by the tool: send this text only if you want to explain the survey beforehand.)' : '',
        '',
        campaign.accessMode === 'personal'
          ? `Your answers are anonymous. Results are only looked at once at least ${effectiveThreshold(campaign.threshold)} surveys are complete, and nobody, including the people who run the survey, can work out one school's or college's answers from them unless the lead and a facilitator act together.`
          : `Your answers are anonymous. Results are only looked at once at least ${effectiveThreshold(campaign.threshold)} surveys are complete, and only by the programme's facilitators: someone who ${campaign.accessMode === 'open' ? 'has this link' : 'holds the access codes'} could answer many times and work out one school's answers from the difference, so the people who ${campaign.accessMode === 'open' ? 'send the link' : 'hand out the codes'} never see the results.`,
      ]
        .filter((line, i, all) => line !== '' || all[i - 1] !== '')
        .join('\n'),
      dateChanges: campaign.dateChanges,
    };
  }

  /** Every survey a site has run, oldest first (those given, when the caller has listed them already). */
  async function ofSite(siteId: string, listed?: SurveyCampaignRecord[]): Promise<CampaignSummary[]> {
    const site = await store.getSite(siteId);
    const campaigns = listed ?? (await store.listSiteCampaigns(siteId));
    return Promise.all(campaigns.map((c) => summary(c, site?.name ?? '')));
  }

  return { summary, ofSite };
}

/** A site's surveys as its meeting board shows them in the welcome; only for one of the site's members. */
export async function drawnSurveysOf(deps: SummaryDeps, siteId: string, reader: ResultsReader = {}): Promise<DrawnSurveys> {
  const campaigns = await deps.store.listSiteCampaigns(siteId);
  const latest = campaigns.at(-1);
  // The results first: at the threshold, asking for them makes the first release, which the
  // summaries then say, as they would to the app asking in the same order.
  const latestResults = latest ? await deps.surveys.results(latest, { kind: 'all' }, reader) : null;
  return { siteId, summaries: await campaignSummaries(deps).ofSite(siteId, campaigns), latestResults };
}
