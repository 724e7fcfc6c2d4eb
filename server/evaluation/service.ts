import { summariseEvaluation, type EvaluationBook, type EvaluationResponse, type EvaluationSummary } from '@shared/evaluation/questions';
import type { Store } from '../store';
import { readVersioned } from '../store/versioned';

export const emptyEvaluation = (): EvaluationBook => ({ version: 0, responses: [] });

/** A site's evaluation answers and how many were asked (its stakeholders and lead). */
export async function siteEvaluationData(store: Store, siteId: string): Promise<{ responses: EvaluationResponse[]; invited: number }> {
  const book = await readVersioned(store, 'evaluation', siteId, emptyEvaluation);
  const invited = (await store.listSiteMembers(siteId)).filter((m) => m.role !== 'facilitator').length;
  return { responses: book.responses, invited };
}

/** A site's evaluation results, in aggregate only. */
export async function siteEvaluation(store: Store, siteId: string): Promise<EvaluationSummary> {
  const { responses, invited } = await siteEvaluationData(store, siteId);
  return summariseEvaluation(responses, invited);
}
