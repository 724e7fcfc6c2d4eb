import { CloseCode } from '@shared/collab/close-codes';
import { parseDocName, type DocName } from '@shared/collab/doc-names';
import { goalCollections } from '@shared/goals/drafts';
import type { PolicyFor } from '../collab/doc-registry';
import type { Store } from '../store';
import { meetingAccess } from './access';
import { legacyGoalsSeed } from './goals-doc';

const meetingDocPattern = /^meeting:([A-Za-z0-9_-]{1,64})(:goals)?$/;

/** The meeting a document belongs to, and whether it is the board (notes) or the co-edited goals. */
function meetingDoc(name: DocName): { meetingId: string; part: 'board' | 'goals' } | null {
  const match = meetingDocPattern.exec(name.rest);
  return match ? { meetingId: match[1]!, part: match[2] ? 'goals' : 'board' } : null;
}

/**
 * Whether the meeting is paused now, read for each change to its co-edited document: only the one
 * field is looked at, without the schema's parse of the whole state, as it is asked that often.
 */
async function meetingPaused(store: Store, meetingId: string): Promise<boolean> {
  const stored = await store.getVersioned('facilitation', meetingId);
  return stored !== null && (JSON.parse(stored.json) as { paused?: unknown }).paused != null;
}

/**
 * A meeting's board takes no change from any connection (the server writes its notes); its
 * co-edited document takes changes judged against the goal collections, none while the meeting
 * is paused; neither takes any once the meeting has closed.
 */
export function meetingBoardPolicy(store: Store): PolicyFor {
  return async (docName) => {
    const parsed = parseDocName(docName);
    const doc = parsed && meetingDoc(parsed);
    if (!doc) return { readOnly: false };
    const meeting = await store.getMeeting(doc.meetingId);
    const readOnly = meeting?.status === 'closed';
    if (doc.part === 'board') return { readOnly, serverWritten: true };
    return { readOnly, paused: () => meetingPaused(store, doc.meetingId), collections: goalCollections, seed: () => legacyGoalsSeed(store, parsed.siteId, doc.meetingId) };
  };
}

/** Who may open a meeting's documents: the people taking part in that meeting. */
export function admitToMeetingBoard(store: Store) {
  return async (name: DocName, userId: string): Promise<CloseCode | null> => {
    const doc = meetingDoc(name);
    if (!doc) return null;
    try {
      const access = await meetingAccess(store, userId, doc.meetingId);
      if (access.meeting.siteId !== name.siteId) return CloseCode.unknownDocument;
      return access.participates ? null : CloseCode.notMember;
    } catch {
      return CloseCode.unknownDocument;
    }
  };
}
