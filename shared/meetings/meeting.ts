import { z } from 'zod';
import { DomainId, DomainRating } from '../cascade/framework';

export const MeetingKind = z.enum(['consultation', 'tailored-support', 'review-3m', 'review-6m', 'review-extra'], { error: 'Choose the kind of meeting' });
export type MeetingKind = z.infer<typeof MeetingKind>;

export const meetingKindLabels: Record<MeetingKind, string> = {
  consultation: 'Strategic consultation meeting',
  'tailored-support': 'Tailored support session',
  'review-3m': '3-month review meeting',
  'review-6m': '6-month review meeting',
  'review-extra': 'Additional review meeting',
};

/** Meetings that review an earlier one start from its board and show its ratings alongside. */
export const isReviewKind = (kind: MeetingKind) => kind === 'review-3m' || kind === 'review-6m' || kind === 'review-extra';

/** A meeting is scheduled, then live, then closed; or cancelled before it starts. */
export const MeetingStatus = z.enum(['scheduled', 'live', 'closed', 'cancelled']);
export type MeetingStatus = z.infer<typeof MeetingStatus>;

const Id = z.string().min(1).max(64);

/** The longest a meeting or workshop lasts: three hours (guide sections 4 to 6). */
export const longestMeetingMinutes = 180;
const reviewLength = 'A review meeting lasts at most three hours (180 minutes); the programme guide has it as “an online meeting of 1.5 hours”';
/** Why a length is refused, in the guide's words for each kind of event. */
export const tooLongFor: Record<MeetingKind, string> = {
  consultation: 'A consultation meeting lasts at most three hours (180 minutes); the programme guide has it as “an online meeting of up to three hours”',
  'tailored-support': 'A tailored support session lasts at most three hours (180 minutes); the programme guide has them as “online, interactive workshops of up to three hours”',
  'review-3m': reviewLength,
  'review-6m': reviewLength,
  'review-extra': reviewLength,
};
/** A review's usual length: the guide's "1.5 hours" (section 6). */
export const reviewMinutes = 90;
/** The hint beside a booking form's length, for the kind of event (or any, before one is chosen). */
export function lengthHintFor(kind: MeetingKind | undefined): string {
  if (kind === 'consultation') return 'Up to 3 hours (180 minutes).';
  if (kind === 'tailored-support') return 'Up to 3 hours (180 minutes).';
  if (kind && isReviewKind(kind)) return 'Usually 1.5 hours (90 minutes), and at most 3 hours (180 minutes).';
  return 'A consultation meeting lasts up to 3 hours (180 minutes); a review meeting usually 1.5 hours (90 minutes), and at most 3 hours.';
}

const StartsAt = z.iso.datetime({ offset: true, error: 'Enter the date and time of the meeting' });
const Minutes = z.number({ error: 'Enter how long the meeting lasts, in minutes' }).int('Enter a whole number of minutes').min(15, 'A meeting lasts at least 15 minutes');

export const CreateMeetingBody = z
  .object({
    kind: MeetingKind,
    startsAt: StartsAt,
    durationMinutes: Minutes,
    attendeeIds: z.array(Id).max(60, 'Invite at most 60 people').default([]),
    /** For review meetings: the closed meeting whose board and ratings this one starts from. */
    baseMeetingId: Id.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.durationMinutes > longestMeetingMinutes) ctx.addIssue({ code: 'custom', path: ['durationMinutes'], message: tooLongFor[body.kind] });
  });
export type CreateMeetingBody = z.input<typeof CreateMeetingBody>;

/** Moving a meeting that has not started: its new start and length, no longer than its kind allows. */
export const rescheduleBodyFor = (kind: MeetingKind) => z.object({ startsAt: StartsAt, durationMinutes: Minutes.max(longestMeetingMinutes, tooLongFor[kind]) });
export type RescheduleMeetingBody = z.input<ReturnType<typeof rescheduleBodyFor>>;

export const Meeting = z.object({
  id: z.string(),
  siteId: z.string(),
  kind: MeetingKind,
  startsAt: z.string(),
  durationMinutes: z.number(),
  status: MeetingStatus,
  /** When the facilitator started it (its record says when it was held, not when it was booked); null before. */
  startedAt: z.string().nullable().default(null),
  attendeeIds: z.array(z.string()),
  baseMeetingId: z.string().nullable(),
  createdAt: z.string(),
});
export type Meeting = z.infer<typeof Meeting>;

/**
 * When a meeting was held: the moment it was started, which is not always the day it was booked
 * for (a review started early); before it starts, the booking. What it agreed is dated by this.
 */
export const heldAt = (meeting: Pick<Meeting, 'startsAt' | 'startedAt'>): string => meeting.startedAt ?? meeting.startsAt;

/** One pre-meeting rating: 1–5, or null for "don't know". */
export const PreRatingBody = z.object({
  rating: DomainRating.nullable(),
  comment: z.string().trim().max(500, 'Comment must be 500 characters or fewer').default(''),
});
export type PreRatingBody = z.input<typeof PreRatingBody>;

export const PreRating = z.object({
  domain: DomainId,
  rating: DomainRating.nullable(),
  comment: z.string(),
});
export type PreRating = z.infer<typeof PreRating>;

export const PreRatingProgress = z.object({
  userId: z.string(),
  name: z.string(),
  rated: z.number(),
  complete: z.boolean(),
});
export type PreRatingProgress = z.infer<typeof PreRatingProgress>;

export const AttendanceEntry = z.object({
  userId: z.string(),
  name: z.string(),
  organisation: z.string(),
  sector: z.string(),
  firstJoinedAt: z.string(),
});
export type AttendanceEntry = z.infer<typeof AttendanceEntry>;

/** Board document of a meeting: its notes and themes, written only by the server. */
export const meetingBoardDocName = (siteId: string, meetingId: string) => `site:${siteId}:meeting:${meetingId}`;
/** The document people co-edit in a meeting: goal drafts and review notes. */
export const meetingGoalsDocName = (siteId: string, meetingId: string) => `site:${siteId}:meeting:${meetingId}:goals`;

