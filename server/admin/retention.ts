import { addCalendarMonths, ukDay } from '@shared/dates';
import { EvaluationBook } from '@shared/evaluation/questions';
import { sixMonthReviewDay } from '@shared/programme/plan';
import { emptyEvaluation } from '../evaluation/service';
import { programmePlanOf } from '../programme/timeline';
import type { Store } from '../store';
import { updateVersioned } from '../store/versioned';
import { recordAudit } from './audit';

/**
 * The retention rule (UK GDPR storage limitation): `months` after a site's programme year ends
 * (its 6-month review), its schools' survey answers and its evaluation answers are deleted. What
 * was published from them stays: the releases (sizes and figures already shown) and the frozen
 * records of meetings. Each deletion is written to the audit log.
 */
export async function applyRetention(store: Store, months: number, now = new Date()): Promise<string[]> {
  const done: string[] = [];
  const today = ukDay(now);
  const at = now.toISOString();
  for (const site of await store.listSites()) {
    const yearEnds = sixMonthReviewDay(await programmePlanOf(store, site.id), await store.listSiteMeetings(site.id));
    if (today <= addCalendarMonths(yearEnds, months)) continue;
    let surveyAnswers = 0;
    for (const campaign of await store.listSiteCampaigns(site.id)) {
      if (campaign.answersDeletedOn) continue;
      surveyAnswers += await store.deleteResponses(campaign.id);
      await store.saveCampaign({ ...campaign, answersDeletedOn: at });
    }
    let evaluationAnswers = 0;
    await updateVersioned(
      store,
      'evaluation',
      site.id,
      emptyEvaluation,
      (book) => {
        evaluationAnswers = book.responses.length;
        return book.answersDeletedOn && !book.responses.length ? { ok: true, value: book } : { ok: true, value: { ...book, version: book.version + 1, responses: [], answersDeletedOn: book.answersDeletedOn ?? at } };
      },
      EvaluationBook,
    );
    if (!surveyAnswers && !evaluationAnswers) continue;
    const subject = `${site.name}: ${surveyAnswers} school survey answers and ${evaluationAnswers} evaluation answers (programme year ended ${yearEnds})`;
    await recordAudit(store, { actor: 'Retention rule', action: 'retention-deleted', subject });
    done.push(subject);
  }
  return done;
}
