import { z } from 'zod';
import { DomainId } from '../cascade/framework';
import type { MeetingKind } from '../meetings/meeting';
import type { Sector } from '../organisations';

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

/** Who a place at a large workshop counts against. */
export type PlaceCategory = 'school-or-college' | 'mental-health-professional' | 'other';

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

/** Default time between registration closing and the event. */
export const defaultRegistrationCloseDays: Record<MeetingKind, number> = {
  consultation: 7,
  'tailored-support': 2,
  'review-3m': 2,
  'review-6m': 2,
  'review-extra': 2,
};

export function registrationClosesAt(startsAt: string, daysBefore: number): string {
  return new Date(Date.parse(startsAt) - daysBefore * 86_400_000).toISOString();
}

export const CreateTailoredSessionBody = z.object({
  title: z.string({ error: 'Enter a title for the session' }).trim().min(1, 'Enter a title for the session').max(160, 'Keep the title to 160 characters or fewer'),
  format: SessionFormat,
  domains: z.array(DomainId).min(1, 'Choose at least one CASCADE domain the session covers').max(7),
  startsAt: z.iso.datetime({ offset: true, error: 'Enter the date and time of the session' }),
  durationMinutes: z.number({ error: 'Enter how long the session lasts, in minutes' }).int().min(15, 'A session lasts at least 15 minutes').max(480, 'A session lasts at most 8 hours'),
  registrationCloseDays: z.number().int().min(0).max(60).optional(),
});
export type CreateTailoredSessionBody = z.input<typeof CreateTailoredSessionBody>;

export interface TailoredSessionDetails {
  title: string;
  format: SessionFormat;
  domains: DomainId[];
}

export interface Registration {
  userId: string;
  name: string;
  organisation: string;
  sector: string;
  category: PlaceCategory;
  registeredAt: string;
}

/** A meeting's registrations, kept by compare-and-set so two people never take the last place. */
export interface RegistrationBook {
  version: number;
  closesAt: string | null;
  session: TailoredSessionDetails | null;
  registrations: Registration[];
}
