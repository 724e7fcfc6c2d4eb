import { z } from 'zod';

/**
 * How many surveys are complete, as anyone is told it. While a survey is open the count moves
 * only in fives (and at the threshold, which the first results give away anyway): a count that
 * moved with every answer would tell someone watching it when one school answered, and so which
 * answers arrived together. Once the survey has closed, nobody can answer any more and the exact
 * figure is shown.
 */
export const PublishedCount = z.object({
  completed: z.number().int().min(0),
  /** False while the survey is open: then `completed` is a lower bound, a step of five (or the threshold). */
  completedExact: z.boolean(),
});
export type PublishedCount = z.infer<typeof PublishedCount>;

export const countStep = 5;

export function publishedCount(exact: number, threshold: number, closed: boolean): PublishedCount {
  if (closed) return { completed: exact, completedExact: true };
  const step = Math.floor(exact / countStep) * countStep;
  return { completed: exact >= threshold && step < threshold ? threshold : step, completedExact: false };
}

/** "17", "15 or more", "fewer than 5": the count in words a sentence can carry. */
export function completedWords({ completed, completedExact }: PublishedCount): string {
  if (completedExact) return String(completed);
  return completed === 0 ? `fewer than ${countStep}` : `${completed} or more`;
}
