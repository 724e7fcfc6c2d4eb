import { HttpError } from '../http/errors';
import type { Store } from '../store';
import type { MeetingRecord, MembershipRecord } from '../store/store';

export interface MeetingAccess {
  meeting: MeetingRecord;
  membership: MembershipRecord;
  /** Facilitators of the site drive meetings. */
  facilitates: boolean;
  /** Takes part: invited, facilitating, or the site's strategic lead. */
  participates: boolean;
}

/** A meeting as seen by one user; 403 unless they belong to its site (whether or not it exists). */
export async function meetingAccess(store: Store, userId: string, meetingId: string): Promise<MeetingAccess> {
  const meeting = await store.getMeeting(meetingId);
  const membership = meeting ? await store.getMembership(meeting.siteId, userId) : null;
  if (!meeting || !membership) throw new HttpError(403, 'You do not have access to this meeting');
  const facilitates = membership.role === 'facilitator';
  const participates = facilitates || membership.role === 'lead' || meeting.attendeeIds.includes(userId);
  return { meeting, membership, facilitates, participates };
}

export async function requireParticipant(store: Store, userId: string, meetingId: string): Promise<MeetingAccess> {
  const access = await meetingAccess(store, userId, meetingId);
  if (!access.participates) throw new HttpError(403, 'You are not invited to this meeting');
  return access;
}

export async function requireFacilitator(store: Store, userId: string, meetingId: string): Promise<MeetingAccess> {
  const access = await meetingAccess(store, userId, meetingId);
  if (!access.facilitates) throw new HttpError(403, 'Only a facilitator can do that');
  return access;
}
