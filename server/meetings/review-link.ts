import * as Y from 'yjs';
import { readBoard, readThemes } from '@shared/cascade/board';
import { goalReviewNotes } from '@shared/goals/drafts';
import { isReviewKind, meetingBoardDocName } from '@shared/meetings/meeting';
import { previousRatedMeeting } from '@shared/reports/meeting-report';
import type { DocRegistry } from '../collab/doc-registry';
import { applyStoredDoc } from '../collab/stored-doc';
import type { Store } from '../store';
import type { MeetingRecord } from '../store/store';

/**
 * A review looks back at the meeting before it: the one chosen when it was booked, once that has
 * been held, or else the site's latest consultation or review held before it. Reviews are often
 * booked on the site's first day, months before the consultation, so the link is made when the
 * review starts; its board then starts from that meeting's board, and its ratings are shown
 * beside the new ones.
 */
export async function linkReviewAtStart(deps: { store: Store; registry: DocRegistry }, review: MeetingRecord): Promise<void> {
  if (!isReviewKind(review.kind)) return;
  const meetings = await deps.store.listSiteMeetings(review.siteId);
  const chosen = meetings.find((m) => m.id === review.baseMeetingId);
  const base = chosen?.status === 'closed' ? chosen : previousRatedMeeting(meetings, review);
  if (!base) return;
  if (base.id !== review.baseMeetingId) await deps.store.linkReview(review.id, base.id);
  await startBoardFrom(deps, review, base);
}

/** A reviewed meeting's board as it was when it closed, as one update for the review's board to start from. */
export async function reviewedBoard(store: Store, base: MeetingRecord): Promise<Uint8Array> {
  const from = applyStoredDoc(new Y.Doc(), await store.loadDoc(meetingBoardDocName(base.siteId, base.id)));
  // Boards made before goal drafts had a document of their own kept the earlier review's notes on goals here.
  from.getMap(goalReviewNotes.root).clear();
  const update = Y.encodeStateAsUpdate(from);
  from.destroy();
  return update;
}

/** The review's board as the reviewed meeting's board was when it closed, unless it holds notes already. */
async function startBoardFrom(deps: { store: Store; registry: DocRegistry }, review: MeetingRecord, base: MeetingRecord): Promise<void> {
  const update = await reviewedBoard(deps.store, base);
  await deps.registry.change(meetingBoardDocName(review.siteId, review.id), (doc) => {
    if (readBoard(doc).length || readThemes(doc).length) return;
    Y.applyUpdate(doc, update);
  });
}
