import type { MeetingDetail } from '@shared/meetings/detail';
import type { AgreedRating } from '@shared/meetings/ratings';
import type { GoalService } from '../goals/service';
import type { Store } from '../store';
import { meetingAccess } from './access';
import type { FacilitationService } from './facilitation-service';
import { toMeeting } from './meeting-json';

/** A meeting as its page shows it to this person; refuses (404/403) as the API does. */
export async function meetingDetailFor(deps: { store: Store; facilitation: FacilitationService; goals: GoalService }, userId: string, meetingId: string): Promise<MeetingDetail> {
  const { store, facilitation, goals } = deps;
  const access = await meetingAccess(store, userId, meetingId);
  const baseSnapshot = access.meeting.baseMeetingId ? await facilitation.snapshot(access.meeting.baseMeetingId) : null;
  const baseline: AgreedRating[] = baseSnapshot?.facilitation.agreed ?? [];
  return {
    meeting: toMeeting(access.meeting),
    myRole: access.membership.role,
    abilities: access.abilities,
    facilitates: access.facilitates,
    participates: access.participates,
    baseline,
    goalsReviewBy: await goals.reviewBy(access.meeting),
    live: access.meeting.status === 'live' && access.participates ? await facilitation.view(access.meeting, { userId, role: access.membership.role }) : null,
  };
}
