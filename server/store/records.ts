import { Meeting } from '@shared/meetings/meeting';
import { SiteRole } from '@shared/roles';
import { AccessMode } from '@shared/survey/api';
import { z } from 'zod';

/**
 * Every record the store keeps as JSON or hands back from rows (SQLite, PostgreSQL), as a schema:
 * read records are parsed, so a record that does not fit fails at the store instead of spreading,
 * and a field added later gets its default.
 */

export const UserRecord = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  passwordHash: z.string(),
  isFacilitator: z.boolean(),
  organisation: z.string().default(''),
  sector: z.string().default(''),
  createdAt: z.string(),
  /** When an administrator deactivated the account: it can no longer sign in. */
  deactivatedAt: z.string().nullable().default(null),
  lastSignInAt: z.string().nullable().default(null),
});
export type UserRecord = z.infer<typeof UserRecord>;
/** A new account as callers give it: fields with defaults may be left out. */
export type NewUser = z.input<typeof UserRecord>;

export const SessionRecord = z.object({
  tokenHash: z.string(),
  userId: z.string(),
  expiresAt: z.string(),
  createdAt: z.string().default(''),
  /** The browser it was started in, as its User-Agent header said (shown in the person's list of sessions). */
  userAgent: z.string().default(''),
});
export type SessionRecord = z.infer<typeof SessionRecord>;
export type NewSession = z.input<typeof SessionRecord>;

export const SiteRecord = z.object({ id: z.string(), name: z.string(), createdAt: z.string() });
export type SiteRecord = z.infer<typeof SiteRecord>;

export const MembershipRecord = z.object({ siteId: z.string(), userId: z.string(), role: SiteRole });
export type MembershipRecord = z.infer<typeof MembershipRecord>;

export const InvitationRecord = z.object({
  id: z.string(),
  siteId: z.string(),
  email: z.string(),
  role: SiteRole,
  tokenHash: z.string(),
  invitedBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  acceptedAt: z.string().nullable(),
});
export type InvitationRecord = z.infer<typeof InvitationRecord>;

/** A meeting as stored: what everyone sees of it, and who scheduled it. */
export const MeetingRecord = Meeting.extend({ createdBy: z.string() });
export type MeetingRecord = z.infer<typeof MeetingRecord>;
/** A new meeting as callers give it: not started yet, so without `startedAt`. */
export type NewMeeting = z.input<typeof MeetingRecord>;

export const PreRatingRecord = z.object({
  meetingId: z.string(),
  userId: z.string(),
  domain: z.number(),
  rating: z.number().nullable(),
  comment: z.string(),
  updatedAt: z.string(),
});
export type PreRatingRecord = z.infer<typeof PreRatingRecord>;

export const AttendanceRecord = z.object({ meetingId: z.string(), userId: z.string(), firstJoinedAt: z.string() });
export type AttendanceRecord = z.infer<typeof AttendanceRecord>;

export const SurveyCampaignRecord = z.object({
  id: z.string(),
  siteId: z.string(),
  instrumentId: z.string(),
  instrumentVersion: z.string(),
  /** The unguessable part of the public link. */
  publicToken: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  accessMode: AccessMode,
  threshold: z.number().int().positive(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** Every change of dates after opening (closed early, extended, moved), oldest first. */
  dateChanges: z.array(z.object({ at: z.string(), by: z.string(), opensAt: z.string(), closesAt: z.string() })).default([]),
  /** When the answers were deleted under the retention rule (the releases made from them stay). */
  answersDeletedOn: z.string().nullable().default(null),
});
export type SurveyCampaignRecord = z.infer<typeof SurveyCampaignRecord>;

/** A stored survey response: answers and context only, and the day (not time) it arrived. */
export const SurveyResponseRecord = z.object({
  seq: z.number().int().positive(),
  submittedOn: z.string(),
  answers: z.record(z.string(), z.union([z.number(), z.literal('n/a')])),
  context: z.record(z.string(), z.string()),
});
export type SurveyResponseRecord = z.infer<typeof SurveyResponseRecord>;
