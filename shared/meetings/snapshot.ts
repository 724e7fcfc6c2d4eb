import { z } from 'zod';
import { BoardNote, BoardTheme } from '../cascade/board';
import { DomainId } from '../cascade/framework';
import { FacilitationView } from './facilitation';
import { AttendanceEntry, Meeting } from './meeting';
import { RatingDistribution } from './ratings';

/** The frozen record of a closed meeting, parsed by this schema whenever it is read. */
export const MeetingSnapshot = z.object({
  meeting: Meeting,
  closedAt: z.string(),
  facilitation: FacilitationView.omit({ serverTime: true }).extend({ meetingId: z.string() }),
  preRatingDistributions: z.array(z.object({ domain: DomainId, distribution: RatingDistribution })),
  board: z.array(BoardNote),
  /** The themes notes were grouped in (records made before themes were kept have none). */
  themes: z.array(BoardTheme).default([]),
  attendance: z.array(AttendanceEntry),
});
export type MeetingSnapshot = z.infer<typeof MeetingSnapshot>;
