import type { MeetingDetail } from '@shared/meetings/detail';
import type { EarlierRatings } from '@shared/meetings/earlier-ratings';
import type { GoalService } from '../goals/service';
import type { Store } from '../store';
import type { MeetingRecord } from '../store/store';
import { meetingAccess } from './access';
import type { FacilitationService } from './facilitation-service';
import { toMeeting } from './meeting-json';

/** A chain of reviews is short (consultation, 3-month, 6-month, a few extra): a bound keeps a bad link from looping. */
const longestChain = 12;

/**
 * The agreed ratings of the held meetings a review looks back on, oldest first: the meeting it
 * reviews, the one that meeting reviewed, and so on back to the consultation.
 */
async function earlierRatings(deps: { store: Store; facilitation: FacilitationService }, meeting: MeetingRecord): Promise<EarlierRatings[]> {
  const earlier: EarlierRatings[] = [];
  let baseId = meeting.baseMeetingId;
  while (baseId && earlier.length < longestChain) {
    const base = await deps.store.getMeeting(baseId);
    if (!base || base.status !== 'closed') break;
    const snapshot = await deps.facilitation.snapshot(base.id);
    earlier.unshift({ kind: base.kind, agreed: snapshot?.facilitation.agreed ?? [] });
    baseId = base.baseMeetingId;
  }
  return earlier;
}

/** A meeting as its page shows it to this person; refuses (404/403) as the API does. */
export async function meetingDetailFor(deps: { store: Store; facilitation: FacilitationService; goals: GoalService }, userId: string, meetingId: string): Promise<MeetingDetail> {
  const { goals, facilitation } = deps;
  const access = await meetingAccess(deps.store, userId, meetingId);
  return {
    meeting: toMeeting(access.meeting),
    myRole: access.membership.role,
    abilities: access.abilities,
    facilitates: access.facilitates,
    participates: access.participates,
    earlier: await earlierRatings(deps, access.meeting),
    goalsReviewBy: await goals.reviewBy(access.meeting),
    live: access.meeting.status === 'live' && access.participates ? await facilitation.view(access.meeting, { userId, role: access.membership.role }) : null,
  };
}
