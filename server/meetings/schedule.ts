import crypto from 'node:crypto';
import { isReviewKind, meetingBoardDocName, type CreateMeetingBody } from '@shared/meetings/meeting';
import type { z } from 'zod';
import { HttpError } from '../http/errors';
import type { Store } from '../store';
import type { MeetingRecord, UserRecord } from '../store/store';
import { reviewedBoard } from './review-link';

/**
 * Schedules a meeting of a site (the route has asked the policy): attendees must be members, and
 * a review looks back at an earlier consultation or review of the same site. When that meeting
 * has been held, the review's board starts as its board was when it closed (without the earlier
 * review's notes on goals); otherwise the link and the board are made when the review starts
 * (`linkReviewAtStart`).
 */
export async function scheduleMeeting(store: Store, user: UserRecord, siteId: string, body: z.infer<typeof CreateMeetingBody>): Promise<MeetingRecord> {
  if (body.kind === 'tailored-support') {
    throw new HttpError(422, 'Choose tailored support sessions on the tailored support sessions page, where their number is limited to three', { kind: 'Choose tailored support sessions on their own page' });
  }
  const members = new Set((await store.listSiteMembers(siteId)).map((m) => m.userId));
  if (body.attendeeIds.some((id) => !members.has(id))) throw new HttpError(400, 'Invite only members of this site', { attendeeIds: 'Invite only members of this site' });
  let base: MeetingRecord | null = null;
  if (body.baseMeetingId) {
    base = await store.getMeeting(body.baseMeetingId);
    // Reviews are booked early, so the meeting reviewed may not have been held yet: it is linked when the review starts.
    const reviewable = base && base.siteId === siteId && base.status !== 'cancelled' && (base.kind === 'consultation' || isReviewKind(base.kind)) && (base.status === 'closed' || base.startsAt < new Date(body.startsAt).toISOString());
    if (!reviewable) {
      throw new HttpError(400, 'A review looks back at an earlier consultation or review of the same site', { baseMeetingId: 'Choose an earlier consultation or review of this site' });
    }
  }
  if (base && !isReviewKind(body.kind)) throw new HttpError(400, 'Only review meetings start from an earlier meeting', { baseMeetingId: 'Only review meetings start from an earlier meeting' });
  const meeting: MeetingRecord = {
    id: crypto.randomUUID(),
    siteId,
    kind: body.kind,
    startsAt: new Date(body.startsAt).toISOString(),
    durationMinutes: body.durationMinutes,
    status: 'scheduled',
    attendeeIds: [...new Set(body.attendeeIds)],
    baseMeetingId: base?.id ?? null,
    startedAt: null,
    createdBy: user.id,
    createdAt: new Date().toISOString(),
  };
  // Nobody is on a board not yet started, so the store takes it directly.
  if (base?.status === 'closed') await store.appendDocUpdate(meetingBoardDocName(siteId, meeting.id), await reviewedBoard(store, base));
  await store.createMeeting(meeting);
  return meeting;
}
