import { meetingKindLabels, type MeetingKind, type MeetingStatus } from '../meetings/meeting';
import type { SessionFormat } from './registration';

/**
 * How the site page lists one of its meetings: its name, where it stands and whether people can
 * still register. Pure: the page passes in the session's details and the time.
 */
export type ListedStatus = MeetingStatus | 'open';

export interface ListedMeeting {
  /** The kind of meeting, and a tailored session's own title after it. */
  name: string;
  status: ListedStatus;
  mayRegister: boolean;
}

export function listedMeeting(
  meeting: { kind: MeetingKind; status: MeetingStatus; startsAt: string },
  session: { title: string; format: SessionFormat; registrationClosesAt: string | null } | null,
  now: Date,
): ListedMeeting {
  const name = session ? `${meetingKindLabels[meeting.kind]}: ${session.title}` : meetingKindLabels[meeting.kind];
  const nowIso = now.toISOString();
  // An online learning module is never started or closed: once its day has come it is open, and
  // people work through it in their own time (the timeline counts it as having taken place).
  if (meeting.status === 'scheduled' && session?.format === 'online-module' && nowIso >= meeting.startsAt) return { name, status: 'open', mayRegister: false };
  const registrationOpen = meeting.status === 'scheduled' && (!session?.registrationClosesAt || nowIso < session.registrationClosesAt);
  return { name, status: meeting.status, mayRegister: registrationOpen };
}
