import { summariseEvaluation, type EvaluationBook, type EvaluationSummary } from '@shared/evaluation/questions';
import type { Store } from '../store';
import { readVersioned } from '../store/versioned';

export const emptyEvaluation = (): EvaluationBook => ({ version: 0, responses: [] });

/** A site's evaluation results: who was asked (its stakeholders and lead) and what they said, in aggregate. */
export async function siteEvaluation(store: Store, siteId: string): Promise<EvaluationSummary> {
  const book = await readVersioned(store, 'evaluation', siteId, emptyEvaluation);
  const invited = (await store.listSiteMembers(siteId)).filter((m) => m.role !== 'facilitator').length;
  return summariseEvaluation(book.responses, invited);
}
