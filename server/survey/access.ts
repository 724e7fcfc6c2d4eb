import type { Ability } from '@shared/policy';
import { HttpError } from '../http/errors';
import { checkOnSite } from '../sites/access';
import type { Store } from '../store';
import type { SurveyCampaignRecord, UserRecord } from '../store/store';

/** The campaign, if the user may do this on its site; a 403 whether or not it exists. */
export async function allowOnCampaign(store: Store, user: UserRecord, campaignId: string, ability: Ability = 'see-site'): Promise<SurveyCampaignRecord> {
  const campaign = await store.getCampaign(campaignId);
  const membership = campaign ? await store.getMembership(campaign.siteId, user.id) : null;
  if (!campaign || !membership) throw new HttpError(403, 'You do not have access to this survey');
  checkOnSite(user, membership, ability);
  return campaign;
}
