import { z } from 'zod';
import type { Ability } from '../policy';
import { SiteRole } from '../roles';
import type { FacilitationView } from './facilitation';
import { Meeting } from './meeting';
import type { EarlierRatings } from './earlier-ratings';

/** A meeting as its page shows it, with what the caller may do in it. */
export const MeetingDetail = z.object({
  meeting: Meeting,
  myRole: SiteRole,
  /** What the caller may do in this meeting (from shared/policy.ts). */
  abilities: z.array(z.custom<Ability>()),
  facilitates: z.boolean(),
  participates: z.boolean(),
  /** For a review: the agreed ratings of the held meetings it looks back on, oldest first (the consultation, then each review since). */
  earlier: z.array(z.custom<EarlierRatings>()),
  /** The last day a goal agreed here may fall due (the 6-month review). */
  goalsReviewBy: z.iso.date(),
  /**
   * A live meeting as it stands, as this person may see it: the board's first render uses it
   * rather than waiting for the realtime channel, which then keeps it current.
   */
  live: z.custom<FacilitationView & { meetingId: string }>().nullable(),
});
export type MeetingDetail = z.infer<typeof MeetingDetail>;
