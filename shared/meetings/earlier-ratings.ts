import type { DomainId } from '../cascade/framework';
import { meetingKindLabels, type MeetingKind } from './meeting';
import type { AgreedRating } from './ratings';

/** What one meeting held before this one agreed about the domains. */
export interface EarlierRatings {
  kind: MeetingKind;
  agreed: AgreedRating[];
}

/** One earlier agreed rating of a domain, named after the meeting that agreed it. */
export interface EarlierRating {
  /** "the consultation", "the 3-month review". */
  at: string;
  rating: AgreedRating['rating'];
  rationale: string;
}

/** How a meeting is named in "At the …": short enough to sit beside a rating. */
const shortNames: Record<MeetingKind, string> = {
  consultation: 'the consultation',
  'tailored-support': 'the tailored session',
  'review-3m': 'the 3-month review',
  'review-6m': 'the 6-month review',
  'review-extra': 'the additional review',
};
export const meetingShortName = (kind: MeetingKind): string => shortNames[kind] ?? meetingKindLabels[kind].toLowerCase();

/**
 * A domain's agreed ratings at the meetings before this one, oldest first, so a review shows the
 * consultation's rating and every review's since: the last is where the group last agreed it was.
 */
export function domainHistory(earlier: readonly EarlierRatings[], domain: DomainId): EarlierRating[] {
  return earlier.flatMap(({ kind, agreed }) => {
    const found = agreed.find((a) => a.domain === domain);
    return found ? [{ at: meetingShortName(kind), rating: found.rating, rationale: found.rationale }] : [];
  });
}
