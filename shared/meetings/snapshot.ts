import type { BoardNote } from '../cascade/board';
import type { DomainId } from '../cascade/framework';
import type { FacilitationView } from './facilitation';
import type { AttendanceEntry, Meeting } from './meeting';
import type { RatingDistribution } from './ratings';

/** The frozen record of a closed meeting. */
export interface MeetingSnapshot {
  meeting: Meeting;
  closedAt: string;
  facilitation: Omit<FacilitationView, 'serverTime'> & { meetingId: string };
  preRatingDistributions: { domain: DomainId; distribution: RatingDistribution }[];
  board: BoardNote[];
  attendance: AttendanceEntry[];
}
