import { z } from 'zod';

/** Route parameters shared by the routers: ids are opaque strings of bounded length. */
const Id = z.string().min(1).max(64);
export const SiteParams = z.object({ siteId: Id });
export const MeetingParams = z.object({ meetingId: Id });
export const CampaignParams = z.object({ campaignId: Id });
