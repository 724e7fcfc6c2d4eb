import { CloseCode } from '@shared/collab/close-codes';
import { parseDocName, type DocName } from '@shared/collab/doc-names';
import { goalCollections } from '@shared/goals/drafts';
import type { PauseRule } from '../collab/doc-policy';
import type { PolicyFor } from '../collab/doc-registry';
import type { DomainEvents } from '../events/domain-events';
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
 * Whether each meeting is paused, as this process has heard: from its facilitation state events
 * (a pause is heard before it is acknowledged in the process that made it), and from the store
 * while a meeting is, or might be, paused. A meeting heard to be running is not read again for
 * each change to its co-edited document (a PostgreSQL round trip an edit); the store checks
 * the pause again as it stores the change, so one made elsewhere and not heard still holds.
 */
export class MeetingPauses {
  /** One entry a meeting whose document this process has had changes for (closing takes it out here; elsewhere it stays, a few bytes). */
  private readonly heard = new Map<string, boolean>();
  /** Counts the events heard, so a read that overlapped one does not overwrite what it said. */
  private eventsHeard = 0;

  constructor(
    private readonly store: Store,
    events: DomainEvents,
  ) {
    events.on('meeting-state', ({ meetingId, state }) => {
      this.eventsHeard += 1;
      this.heard.set(meetingId, state.paused != null);
    });
    events.on('meeting-status', ({ meetingId, status }) => {
      if (status === 'closed') this.heard.delete(meetingId);
    });
    // A pause or resumption may not have been heard: each meeting is read again at its next change.
    events.onMissed(async () => {
      this.eventsHeard += 1;
      this.heard.clear();
    });
  }

  rule(meetingId: string): PauseRule {
    return { meetingId, pausedAsHeard: () => this.paused(meetingId), heardPaused: () => this.heard.set(meetingId, true) };
  }

  private async paused(meetingId: string): Promise<boolean> {
    if (this.heard.get(meetingId) === false) return false;
    const eventsBefore = this.eventsHeard;
    // Only the one field is looked at, without the schema's parse of the whole state.
    const stored = await this.store.getVersioned('facilitation', meetingId);
    const paused = stored !== null && (JSON.parse(stored.json) as { paused?: unknown }).paused != null;
    // An event heard while reading is newer than what was read.
    if (this.eventsHeard !== eventsBefore) return this.heard.get(meetingId) ?? paused;
    this.heard.set(meetingId, paused);
    return paused;
  }
}

/**
 * A meeting's board takes no change from any connection (the server writes its notes); its
 * co-edited document takes changes judged against the goal collections, none while the meeting
 * is paused; neither takes any once the meeting has closed.
 */
export function meetingBoardPolicy(store: Store, pauses: MeetingPauses): PolicyFor {
  return async (docName) => {
    const parsed = parseDocName(docName);
    const doc = parsed && meetingDoc(parsed);
    if (!doc) return { readOnly: false };
    const meeting = await store.getMeeting(doc.meetingId);
    const readOnly = meeting?.status === 'closed';
    if (doc.part === 'board') return { readOnly, serverWritten: true };
    return { readOnly, pause: pauses.rule(doc.meetingId), collections: goalCollections, seed: () => legacyGoalsSeed(store, parsed.siteId, doc.meetingId) };
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
