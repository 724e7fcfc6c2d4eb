import type { SiteSummary } from '@shared/api/sites';
import { timelineFor } from '../programme/timeline';
import type { Store } from '../store';
import type { UserRecord } from '../store/store';

/** The sites a person belongs to, each with their role and (for facilitators) its next deadline. */
export async function siteSummariesFor(store: Store, user: UserRecord): Promise<SiteSummary[]> {
  const sites: SiteSummary[] = [];
  for (const membership of await store.listUserMemberships(user.id)) {
    const site = await store.getSite(membership.siteId);
    if (!site) continue;
    const nextDeadline = membership.role === 'facilitator' ? (await timelineFor(store, site, { userId: user.id, role: 'facilitator' })).nextDeadline : undefined;
    sites.push({ id: site.id, name: site.name, myRole: membership.role, nextDeadline });
  }
  return sites;
}
