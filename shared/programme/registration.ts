import { z } from 'zod';
import type { Ability } from '../policy';
import { TrackedAction } from '../actions';
import type { SessionAction } from '../goals/session-actions';
import type { Meeting } from '../meetings/meeting';
import { cascadeDomains, DomainId, type CascadeDomain } from '../cascade/framework';
import { longestMeetingMinutes, meetingKindLabels, tooLongFor, type MeetingKind } from '../meetings/meeting';
import type { Sector } from '../organisations';
import { addUkDays } from '../dates';

/**
 * Tailored support sessions and registration for meetings. A site chooses up to three sessions
 * after its consultation; each has a format whose capacity is enforced when people register, and
 * registration closes a set time before the event (a week before a consultation, as the guide asks).
 */
export const maxTailoredSessions = 3;

export const SessionFormat = z.enum(['large-workshop', 'facilitated-discussion', 'online-module'], { error: 'Choose the format of the session' });
export type SessionFormat = z.infer<typeof SessionFormat>;

export const sessionFormatLabels: Record<SessionFormat, string> = {
  'large-workshop': 'Large workshop',
  'facilitated-discussion': 'Facilitated discussion',
  'online-module': 'Online learning module',
};

/** The guide's description of each format's places (section 5). */
export const sessionFormatHints: Record<SessionFormat, string> = {
  'large-workshop': 'Up to 50 schools and FE colleges and 20 mental health professionals',
  'facilitated-discussion': 'Up to 20 education and mental health professionals',
  'online-module': 'Open to everyone invited, with no limit on places',
};

/** Who a place at a large workshop counts against. */
export const PlaceCategory = z.enum(['school-or-college', 'mental-health-professional', 'other']);
export type PlaceCategory = z.infer<typeof PlaceCategory>;

const mentalHealthSectors: readonly Sector[] = ['cypmhs', 'educational-psychology', 'public-health'];
export function placeCategory(sector: string): PlaceCategory {
  if (sector === 'education') return 'school-or-college';
  return mentalHealthSectors.includes(sector as Sector) ? 'mental-health-professional' : 'other';
}

/** Places per category; null means no cap. */
export const sessionCapacity: Record<SessionFormat, { total: number | null; byCategory: Partial<Record<PlaceCategory, number>> }> = {
  'large-workshop': { total: null, byCategory: { 'school-or-college': 50, 'mental-health-professional': 20 } },
  'facilitated-discussion': { total: 20, byCategory: {} },
  'online-module': { total: null, byCategory: {} },
};

const categoryNames: Record<PlaceCategory, string> = {
  'school-or-college': 'schools and colleges',
  'mental-health-professional': 'mental health professionals',
  other: 'other people',
};

/** Places left at an event, per capped category and in all, for the registrations page; empty when nothing is capped. */
export function placesLeft(format: SessionFormat, counts: Record<PlaceCategory, number>): { label: string; left: number; of: number }[] {
  const { total, byCategory } = sessionCapacity[format];
  const rows = Object.entries(byCategory).map(([category, cap]) => ({ label: categoryNames[category as PlaceCategory], left: Math.max(0, cap - counts[category as PlaceCategory]), of: cap }));
  if (total !== null) rows.push({ label: 'everyone', left: Math.max(0, total - Object.values(counts).reduce((a, b) => a + b, 0)), of: total });
  return rows;
}

/** Why one more person in `category` cannot have a place, or null when they can. */
export function capacityRefusal(format: SessionFormat, registered: readonly PlaceCategory[], category: PlaceCategory): string | null {
  const { total, byCategory } = sessionCapacity[format];
  if (total !== null && registered.length >= total) return `This ${sessionFormatLabels[format].toLowerCase()} is full (${total} places)`;
  const cap = byCategory[category];
  if (cap !== undefined && registered.filter((c) => c === category).length >= cap) {
    return `All ${cap} places for ${categoryNames[category]} at this ${sessionFormatLabels[format].toLowerCase()} are taken`;
  }
  return null;
}

/** How an event is named inside a sentence: a session by its title, a meeting by its kind. */
export const eventPhrase = (kind: MeetingKind, title: string | null) => (title ? `“${title}”` : `the ${meetingKindLabels[kind].toLowerCase()}`);

/** Default time between registration closing and the event. */
export const defaultRegistrationCloseDays: Record<MeetingKind, number> = {
  consultation: 7,
  'tailored-support': 2,
  'review-3m': 2,
  'review-6m': 2,
  'review-extra': 2,
};

/**
 * Registration closes the same UK clock time, `daysBefore` calendar days before the event; but an
 * event booked (or moved) at shorter notice than that keeps registration open until it starts.
 * The days before are there so the lead knows who is coming and everyone has the joining details
 * in time; booked at short notice, that time is already gone, and closing registration before
 * anyone could see the event would only turn away the people it was booked for.
 */
export function registrationClosesAt(startsAt: string, daysBefore: number, bookedAt: string): string {
  const usual = addUkDays(startsAt, -daysBefore);
  return Date.parse(usual) < Date.parse(bookedAt) ? startsAt : usual;
}

export const CreateTailoredSessionBody = z.object({
  title: z.string({ error: 'Enter a title for the session' }).trim().min(1, 'Enter a title for the session').max(160, 'Keep the title to 160 characters or fewer'),
  format: SessionFormat,
  domains: z.array(DomainId).min(1, 'Choose at least one CASCADE domain the session covers').max(7),
  startsAt: z.iso.datetime({ offset: true, error: 'Enter the date and time of the session' }),
  // An online learning module is worked through in people's own time: its length is a guide, not a booking.
  durationMinutes: z.number({ error: 'Enter how long the session lasts, in minutes' }).int().min(15, 'A session lasts at least 15 minutes').max(480, 'A session lasts at most 8 hours'),
  registrationCloseDays: z.number().int().min(0).max(60).optional(),
}).superRefine((body, ctx) => {
  if (body.format !== 'online-module' && body.durationMinutes > longestMeetingMinutes) ctx.addIssue({ code: 'custom', path: ['durationMinutes'], message: tooLongFor['tailored-support'] });
});
export type CreateTailoredSessionBody = z.input<typeof CreateTailoredSessionBody>;

const TailoredSessionDetails = z.object({ title: z.string(), format: SessionFormat, domains: z.array(DomainId) });
type TailoredSessionDetails = z.infer<typeof TailoredSessionDetails>;

export const Registration = z.object({
  userId: z.string(),
  name: z.string(),
  organisation: z.string(),
  sector: z.string(),
  category: PlaceCategory,
  registeredAt: z.string(),
});
export type Registration = z.infer<typeof Registration>;

/**
 * Emails sent around an event, each to each person once: a nudge before registration closes,
 * joining details, the baseline survey before a consultation, the feedback survey after
 * a consultation, session or review, and the follow-up survey after the last session.
 */
export const reminderKinds = ['registration-closing', 'joining-details', 'pre-ratings', 'baseline-survey', 'feedback-survey', 'follow-up-survey'] as const;
export type ReminderKind = (typeof reminderKinds)[number];

/**
 * Everything about one event apart from the meeting itself: its registrations (kept by
 * compare-and-set, so two people never take the last place), the lead's confirmation of the
 * date, the invitations and reminders sent, and for a tailored session its details and actions.
 */
export const RegistrationBook = z.object({
  version: z.number().int().nonnegative(),
  closesAt: z.string().nullable(),
  session: TailoredSessionDetails.nullable().default(null),
  registrations: z.array(Registration).default([]),
  confirmation: z.object({ by: z.string(), at: z.string() }).nullable().default(null),
  invitationsSentAt: z.string().nullable().default(null),
  /** Who has been sent each reminder, so late registrants get joining details and nobody gets two. */
  reminded: z.partialRecord(z.enum(reminderKinds), z.array(z.string())).default({}),
  actions: z.array(TrackedAction).default([]),
  /** How to join the call, shown only to those registered (and to those who run the event). */
  joining: z.object({ link: z.string(), details: z.string() }).nullable().default(null),
  /** How many times the event has been moved: the calendar file's SEQUENCE, so calendars update it. */
  sequence: z.number().int().nonnegative().default(0),
});
export type RegistrationBook = z.infer<typeof RegistrationBook>;

/** Hours before registration closes, or before the event starts, that its reminders go out (the baseline survey's days are in evaluation-timing.ts). */
export const reminderLeadHours = { 'registration-closing': 48, 'joining-details': 24, 'pre-ratings': 72 } as const;
/** Days after an event during which its feedback and follow-up surveys are still sent. */
export const surveyAfterDays = 7;

export interface DomainSuggestion {
  domain: CascadeDomain;
  /** How many of the site's goals are about this domain. */
  goals: number;
}

/** Every CASCADE domain for a session's content, those the site's goals are about first. */
export function suggestSessionDomains(goalDomains: readonly (readonly DomainId[])[]): DomainSuggestion[] {
  const count = (id: DomainId) => goalDomains.filter((domains) => domains.includes(id)).length;
  return cascadeDomains.map((domain) => ({ domain, goals: count(domain.id) })).sort((a, b) => b.goals - a.goals || a.domain.id - b.domain.id);
}

/** A tailored session as the site's list shows it. */
export interface TailoredSessionSummary {
  meeting: Meeting;
  session: TailoredSessionDetails;
  registered: number;
  registrationClosesAt: string | null;
}

/** One event's registration page, as the person viewing may see it. */
export interface EventRegistration {
  meeting: Meeting;
  title: string;
  session: TailoredSessionDetails | null;
  closesAt: string | null;
  open: boolean;
  capacity: (typeof sessionCapacity)[SessionFormat] | null;
  counts: Record<PlaceCategory, number>;
  registered: boolean;
  /** What the caller may do with this event (from shared/policy.ts). */
  abilities: Ability[];
  confirmation: { by: string; at: string } | null;
  invitationsSentAt: string | null;
  /** Agreed at the session (shared/goals/session-actions.ts). */
  actions: SessionAction[];
  /** Only for those registered and those who run the event; null otherwise or when not given yet. */
  joining: JoiningDetails | null;
}

/** How to join an event's video call: a link (https) and free text, such as a meeting ID and passcode. */
export const JoiningDetails = z
  .object({
    link: z
      .string()
      .trim()
      .max(500, 'Keep the link to 500 characters or fewer')
      .refine((link) => link === '' || /^https:\/\/[^\s]+$/.test(link), 'Enter the link to join, starting with https://'),
    details: z.string().trim().max(1000, 'Keep the joining details to 1,000 characters or fewer'),
  })
  .refine((j) => j.link !== '' || j.details !== '', { message: 'Enter a link to join or the details of how to join', path: ['link'] });
export type JoiningDetails = z.infer<typeof JoiningDetails>;
