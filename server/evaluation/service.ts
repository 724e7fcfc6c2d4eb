import { EvaluationBook, summariseEvaluation, type EvaluationResponse, type EvaluationSummary, type ShownFigures } from '@shared/evaluation/questions';
import { EvaluationReleases, latestShown, nextEvaluationReleases, noReleases } from '@shared/evaluation/releases';
import type { Store } from '../store';
import { readVersioned, updateVersioned } from '../store/versioned';

export const emptyEvaluation = (): EvaluationBook => ({ version: 0, responses: [], answersDeletedOn: null });

/** A site's evaluation answers and how many were asked (its stakeholders and lead). */
export async function siteEvaluationData(store: Store, siteId: string): Promise<{ responses: EvaluationResponse[]; invited: number; answersDeletedOn: string | null }> {
  const book = await readVersioned(store, 'evaluation', siteId, emptyEvaluation, EvaluationBook);
  const invited = (await store.listSiteMembers(siteId)).filter((m) => m.role !== 'facilitator').length;
  return { responses: book.responses, invited, answersDeletedOn: book.answersDeletedOn };
}

/**
 * The figures a site's evaluation may show now: releases whatever the rules allow (saved by
 * compare-and-set, so two readers at once agree on one history) and returns the latest of each.
 */
export async function shownFigures(store: Store, siteId: string, responses: readonly EvaluationResponse[]): Promise<ShownFigures> {
  const releases = await updateVersioned(
    store,
    'evaluation-releases',
    siteId,
    noReleases,
    (current) => ({ ok: true, value: nextEvaluationReleases(current, responses) ?? current }),
    EvaluationReleases,
  );
  return { baseline: latestShown(releases, 'baseline'), followUp: latestShown(releases, 'follow-up'), feedback: latestShown(releases, 'feedback') };
}

/** A site's evaluation results, in aggregate only. */
export async function siteEvaluation(store: Store, siteId: string): Promise<EvaluationSummary> {
  const { responses, invited, answersDeletedOn } = await siteEvaluationData(store, siteId);
  return { ...summariseEvaluation(responses, invited, [await shownFigures(store, siteId, responses)]), answersDeletedOn };
}
