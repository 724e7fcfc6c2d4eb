import { z } from 'zod';

/**
 * Goal Based Outcomes: each goal is rated 0–10 for how far it has been reached (0 no progress,
 * 5 half way, 10 fully reached); progress is the movement from the first (baseline) rating.
 */
export const gboMin = 0;
export const gboMax = 10;
/** A programme setting, not a clinical claim: the change that counts as meaningful. */
export const defaultMeaningfulChange = 3;

const outOfRange = 'Give a rating from 0 to 10';
/**
 * A rating from 0 to 10. Where a form offers a choice of not rating, `missing` tells the person
 * who made no choice at all what to do, rather than that their rating is out of range.
 */
export const gboRating = (missing = outOfRange) =>
  z
    .number({ error: (issue) => (issue.input === undefined ? missing : outOfRange) })
    .int('Give a whole number from 0 to 10')
    .min(gboMin, outOfRange)
    .max(gboMax, outOfRange);
export const GboRating = gboRating();

export function isGboRating(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= gboMin && value <= gboMax;
}

export interface GoalProgress {
  baseline: number | null;
  latest: number | null;
  change: number | null;
  meaningful: boolean;
}

/** Baseline, latest and change for a goal's ratings in meeting order. */
export function goalProgress(ratings: readonly number[], meaningfulChange = defaultMeaningfulChange): GoalProgress {
  if (ratings.some((r) => !isGboRating(r))) throw new RangeError('GBO ratings are whole numbers from 0 to 10');
  const baseline = ratings[0] ?? null;
  const latest = ratings.at(-1) ?? null;
  const change = baseline === null || latest === null ? null : latest - baseline;
  return { baseline, latest, change, meaningful: change !== null && change >= meaningfulChange };
}

/** Mean change from baseline across goals that have been re-rated; null when none has. */
export function meanChange(goals: readonly (readonly number[])[]): number | null {
  const changes = goals.filter((g) => g.length >= 2).map((g) => goalProgress(g).change!);
  if (!changes.length) return null;
  return Math.round((changes.reduce((a, b) => a + b, 0) / changes.length) * 100) / 100;
}

/**
 * Where a goal stands, in words for a board and a record: where it started, and once a review
 * has rated it again, where it is now (a review's close showed the baseline after a new rating).
 */
export function goalStanding(progress: GoalProgress, timesRated: number): string {
  if (progress.baseline === null || progress.latest === null || progress.change === null) return 'No baseline rating yet';
  if (timesRated < 2) return `Where we start: ${progress.baseline} out of 10`;
  return `Now ${progress.latest} out of 10 (started at ${progress.baseline}: ${changeInWords(progress.change)})`;
}

/** A change in a rating as people say it: "up 2", "down 1", "no change" (a signed "+0" read as a number, not news). */
const changeInWords = (change: number): string => (change > 0 ? `up ${change}` : change < 0 ? `down ${-change}` : 'no change');

/** A goal's change from its baseline in words, for pages and records alike: "up 2 from the baseline". */
export const changeFromBaseline = (change: number): string => `${changeInWords(change)} from the baseline`;
