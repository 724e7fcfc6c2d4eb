import { z } from 'zod';
import { judgeFigures } from '../disclosure/singling-out';
import { feedbackQuestions, joinedUpWorkingQuestions, minimumToShow, type EvaluationResponse } from './questions';

/**
 * What the evaluation surveys have ever shown, and the rule for showing more: the same
 * guarantee as the school survey's, with the evaluation's own minimum. Facilitators see means,
 * and a mean with its n is a sum, so the feedback means from 3 answers and then from 4 give the
 * fourth person's answers away by subtraction (4·m4 − 3·m3). So each pool's figures are kept
 * for ever, with the answers they covered and their sums, and a new figure is shown only if no
 * combination with the earlier ones covers fewer than `minimumToShow` answers. Otherwise the
 * last figure shown stays, as it was.
 *
 * The pools: feedback (every feedback answer), and the paired baseline and follow-up of the
 * people who answered both, released together so that the change table compares like with like.
 */
export type Pool = 'baseline' | 'follow-up' | 'feedback';

const PublishedFigure = z.object({
  pool: z.enum(['baseline', 'follow-up', 'feedback']),
  /** The answers the figure covers (ids of stored responses, never shown). */
  ids: z.array(z.string()),
  /** Per question, the sum of the answers: with n = ids.length, the mean. */
  sums: z.record(z.string(), z.number()),
});
type PublishedFigure = z.infer<typeof PublishedFigure>;

export const EvaluationReleases = z.object({ version: z.number().int().nonnegative(), figures: z.array(PublishedFigure) });
export type EvaluationReleases = z.infer<typeof EvaluationReleases>;
export const noReleases = (): EvaluationReleases => ({ version: 0, figures: [] });

function figureOf(pool: Pool, responses: readonly EvaluationResponse[], questions: readonly { id: string }[]): PublishedFigure {
  return {
    pool,
    ids: responses.map((r) => r.id).sort(),
    sums: Object.fromEntries(questions.map((q) => [q.id, responses.reduce((sum, r) => sum + r.answers[q.id]!, 0)])),
  };
}

/** Each pool's figure as the answers stand now. */
function currentFigures(responses: readonly EvaluationResponse[]): Record<Pool, PublishedFigure> {
  const of = (kind: EvaluationResponse['kind']) => responses.filter((r) => r.kind === kind);
  const followUpBy = new Map(of('follow-up').map((r) => [r.userId, r]));
  const pairedBaselines = of('baseline').filter((r) => followUpBy.has(r.userId));
  return {
    baseline: figureOf('baseline', pairedBaselines, joinedUpWorkingQuestions),
    'follow-up': figureOf('follow-up', pairedBaselines.map((r) => followUpBy.get(r.userId)!), joinedUpWorkingQuestions),
    feedback: figureOf('feedback', of('feedback'), feedbackQuestions),
  };
}

export const latestShown = (releases: EvaluationReleases, pool: Pool) => releases.figures.findLast((f) => f.pool === pool) ?? null;
const sameAnswers = (a: PublishedFigure | null, b: PublishedFigure) => a !== null && a.ids.join() === b.ids.join();

/** Whether this figure may join the pool's published ones. */
function mayShow(releases: EvaluationReleases, figure: PublishedFigure): boolean {
  const earlier = releases.figures.filter((f) => f.pool === figure.pool).map((f) => new Set(f.ids));
  return judgeFigures([...earlier, new Set(figure.ids)], minimumToShow) === 'safe';
}

/** The releases with every figure that may now be shown added, or null when nothing changes. */
export function nextEvaluationReleases(releases: EvaluationReleases, responses: readonly EvaluationResponse[]): EvaluationReleases | null {
  const now = currentFigures(responses);
  const added: PublishedFigure[] = [];
  if (!sameAnswers(latestShown(releases, 'feedback'), now.feedback) && mayShow(releases, now.feedback)) added.push(now.feedback);
  const pairChanged = !sameAnswers(latestShown(releases, 'baseline'), now.baseline) || !sameAnswers(latestShown(releases, 'follow-up'), now['follow-up']);
  if (pairChanged && mayShow(releases, now.baseline) && mayShow(releases, now['follow-up'])) added.push(now.baseline, now['follow-up']);
  return added.length ? { version: releases.version + 1, figures: [...releases.figures, ...added] } : null;
}
