import type { DomainId, DomainRating } from '../cascade/framework';

/** How a domain was rated: the pre-meeting distribution, and the rating the meeting agreed. */
export interface RatingDistribution {
  /** Count of each rating 1–5, index 0 for rating 1. */
  counts: [number, number, number, number, number];
  dontKnow: number;
  responses: number;
}

export interface AgreedRating {
  domain: DomainId;
  rating: DomainRating;
  rationale: string;
  recordedBy: string;
  recordedAt: string;
}
