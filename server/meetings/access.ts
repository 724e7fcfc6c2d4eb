import { isReviewKind } from '@shared/meetings/meeting';
import { abilitiesOf, can, refusalFor, type Ability } from '@shared/policy';
import { HttpError } from '../http/errors';
import { actorFor } from '../sites/access';
import type { Store } from '../store';
import type { MeetingRecord, MembershipRecord } from '../store/store';

export interface MeetingAccess {
  meeting: MeetingRecord;
  membership: MembershipRecord;
  /** What the person may do in this meeting (from shared/policy.ts). */
  abilities: Ability[];
  /** Drives the meeting (a facilitator of the site). */
  facilitates: boolean;
  /** Takes part: invited, facilitating, or the site's strategic lead. */
  participates: boolean;
}

/** A meeting as seen by one user; 403 unless they belong to its site (whether or not it exists). */
export async function meetingAccess(store: Store, userId: string, meetingId: string): Promise<MeetingAccess> {
  const meeting = await store.getMeeting(meetingId);
  const membership = meeting ? await store.getMembership(meeting.siteId, userId) : null;
  if (!meeting || !membership) throw new HttpError(403, 'You do not have access to this meeting');
  // Meeting rules look at the role on the site and the list of attendees, not the account.
  // Only a facilitator's abilities turn on whether the site has a lead (standing in to confirm a date).
  const siteHasLead = membership.role === 'facilitator' ? (await store.listSiteMembers(meeting.siteId)).some((m) => m.role === 'lead') : undefined;
  const actor = { ...actorFor({ isFacilitator: false }, membership, meeting.attendeeIds.includes(userId)), openToMembers: isReviewKind(meeting.kind), siteHasLead };
  return { meeting, membership, abilities: abilitiesOf(actor, 'meeting'), facilitates: can(actor, 'drive-meeting'), participates: can(actor, 'take-part') };
}

/** The meeting, if the policy lets the user do this in it; otherwise a 403 in the policy's words. */
export async function allowOnMeeting(store: Store, userId: string, meetingId: string, ability: Ability): Promise<MeetingAccess> {
  const access = await meetingAccess(store, userId, meetingId);
  if (!access.abilities.includes(ability)) throw new HttpError(403, refusalFor(ability));
  return access;
}

export const requireParticipant = (store: Store, userId: string, meetingId: string) => allowOnMeeting(store, userId, meetingId, 'take-part');
export const requireFacilitator = (store: Store, userId: string, meetingId: string) => allowOnMeeting(store, userId, meetingId, 'drive-meeting');
