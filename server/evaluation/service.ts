import { EvaluationBook, summariseEvaluation, type EvaluationResponse, type EvaluationSummary, type ShownFigures } from '@shared/evaluation/questions';
import { MeetingSnapshot } from '@shared/meetings/snapshot';
import { EvaluationReleases, latestShown, nextEvaluationReleases, noReleases } from '@shared/evaluation/releases';
import type { Store } from '../store';
import { readVersioned, updateVersioned } from '../store/versioned';

export const emptyEvaluation = (): EvaluationBook => ({ version: 0, responses: [], answersDeletedOn: null });

/** Who the closed meeting's record says attended it; null while it has not closed. */
export async function attendedWhenClosed(store: Store, meetingId: string): Promise<Set<string> | null> {
  const json = await store.getMeetingSnapshot(meetingId);
  return json ? new Set(MeetingSnapshot.parse(JSON.parse(json)).attendance.map((a) => a.userId)) : null;
}

/**
 * Feedback counts only from someone the meeting's closed record lists as attending: otherwise
 * a facilitator could invite accounts of their own afterwards, answer as them, and read one
 * real person's feedback from the difference.
 */
async function countingResponses(store: Store, responses: readonly EvaluationResponse[]): Promise<EvaluationResponse[]> {
  const attended = new Map<string, Set<string> | null>();
  const counted: EvaluationResponse[] = [];
  for (const response of responses) {
    if (response.kind === 'feedback') {
      if (!response.meetingId) continue;
      if (!attended.has(response.meetingId)) attended.set(response.meetingId, await attendedWhenClosed(store, response.meetingId));
      if (!attended.get(response.meetingId)?.has(response.userId)) continue;
    }
    counted.push(response);
  }
  return counted;
}

/** A site's evaluation answers that count, and how many were asked (its stakeholders and lead). */
export async function siteEvaluationData(store: Store, siteId: string): Promise<{ responses: EvaluationResponse[]; invited: number; answersDeletedOn: string | null }> {
  const book = await readVersioned(store, 'evaluation', siteId, emptyEvaluation, EvaluationBook);
  const invited = (await store.listSiteMembers(siteId)).filter((m) => m.role !== 'facilitator').length;
  return { responses: await countingResponses(store, book.responses), invited, answersDeletedOn: book.answersDeletedOn };
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
