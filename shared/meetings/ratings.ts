import { z } from 'zod';
import { cascadeDomains, DomainId, DomainRating } from '../cascade/framework';

/** How a domain was rated: the pre-meeting distribution, and the rating the meeting agreed. */
export const RatingDistribution = z.object({
  /** Count of each rating 1–5, index 0 for rating 1. */
  counts: z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()]),
  dontKnow: z.number(),
  responses: z.number(),
});
export type RatingDistribution = z.infer<typeof RatingDistribution>;

export const AgreedRating = z.object({
  domain: DomainId,
  rating: DomainRating,
  rationale: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type AgreedRating = z.infer<typeof AgreedRating>;

/** Who has rated all seven domains, from a meeting's pre-meeting ratings (one per person and domain). */
export function ratedAllDomains(ratings: readonly { userId: string }[]): string[] {
  const counts = new Map<string, number>();
  for (const r of ratings) counts.set(r.userId, (counts.get(r.userId) ?? 0) + 1);
  return [...counts].filter(([, n]) => n === cascadeDomains.length).map(([userId]) => userId);
}
