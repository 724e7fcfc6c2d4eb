import { checkBoardUpdate } from '@shared/cascade/board';
import { CloseCode } from '@shared/collab/close-codes';
import { parseDocName, type DocName } from '@shared/collab/doc-names';
import type { PolicyFor } from '../collab/doc-registry';
import type { Store } from '../store';
import { meetingAccess } from './access';

const meetingDocPattern = /^meeting:([A-Za-z0-9_-]{1,64})$/;

/** The meeting a document is the board of, if it is one. */
function boardMeetingId(name: DocName): string | null {
  return meetingDocPattern.exec(name.rest)?.[1] ?? null;
}

/** Meeting boards take only board-shaped changes, and none once the meeting has closed. */
export function meetingBoardPolicy(store: Store): PolicyFor {
  return async (docName) => {
    const parsed = parseDocName(docName);
    const meetingId = parsed && boardMeetingId(parsed);
    if (!meetingId) return { readOnly: false };
    const meeting = await store.getMeeting(meetingId);
    return { check: checkBoardUpdate, readOnly: meeting?.status === 'closed' };
  };
}

/** Who may open a meeting's board: the people taking part in that meeting. */
export function admitToMeetingBoard(store: Store) {
  return async (name: DocName, userId: string): Promise<CloseCode | null> => {
    const meetingId = boardMeetingId(name);
    if (!meetingId) return null;
    try {
      const access = await meetingAccess(store, userId, meetingId);
      if (access.meeting.siteId !== name.siteId) return CloseCode.unknownDocument;
      return access.participates ? null : CloseCode.notMember;
    } catch {
      return CloseCode.unknownDocument;
    }
  };
}
