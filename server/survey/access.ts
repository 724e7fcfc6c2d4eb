import { can, type Ability } from '@shared/policy';
import { HttpError } from '../http/errors';
import { actorFor, checkOnSite } from '../sites/access';
import type { Store } from '../store';
import type { SurveyCampaignRecord, UserRecord } from '../store/store';
import type { ResultsReader } from './service';

/** The campaign, if the user may do this on its site; a 403 whether or not it exists. */
export async function allowOnCampaign(store: Store, user: UserRecord, campaignId: string, ability: Ability = 'see-site'): Promise<SurveyCampaignRecord> {
  const campaign = await store.getCampaign(campaignId);
  const membership = campaign ? await store.getMembership(campaign.siteId, user.id) : null;
  if (!campaign || !membership) throw new HttpError(403, 'You do not have access to this survey');
  checkOnSite(user, membership, ability);
  return campaign;
}

/** What of a survey's results this person may read (see `SurveyService.results`). */
export async function resultsReader(store: Store, user: UserRecord, siteId: string): Promise<ResultsReader> {
  const membership = await store.getMembership(siteId, user.id);
  return { seesUnprotected: membership !== null && can(actorFor(user, membership), 'see-unprotected-survey-results') };
}
