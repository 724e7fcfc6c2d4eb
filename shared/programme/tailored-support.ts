import type { MeetingStatus } from '../meetings/meeting';
import { lastMomentOfUkDay, type Day } from '../dates';

/**
 * When a site's tailored support (guide section 5) has taken place and is over: one rule for the
 * timeline's sessions, the follow-up survey's email and each person's follow-up to-do.
 */

/** What these rules need to know of a session (cancelled ones left out: as if never booked). */
export interface SessionFacts {
  status: MeetingStatus;
  startsAt: string;
  /** An online learning module: people work through it in their own time, so no meeting is held. */
  selfPaced: boolean;
}

/**
 * Whether an event has taken place: a meeting once it is closed; an online learning module, which
 * has no meeting to hold, once it has opened (else it would stay "to come" for ever, and the
 * site's sessions overdue on the dashboard).
 */
export const tookPlace = (m: SessionFacts, now: Date): boolean => m.status === 'closed' || (m.selfPaced && m.status === 'scheduled' && now.toISOString() >= m.startsAt);

/**
 * When the tailored support was over, or null while it is not: once every session chosen has
 * taken place (at the last one's start), or once the sessions window has ended with no session
 * booked after it (at the window's end), whichever came first. The window's end covers a site that
 * takes no sessions, and a meeting nobody closed, which must not hold the follow-up back for ever.
 */
export function tailoredSupportOverAt(sessions: readonly SessionFacts[], tailoredTo: Day, now: Date): string | null {
  const windowEnds = lastMomentOfUkDay(tailoredTo);
  const lastStart = sessions.map((s) => s.startsAt).sort().at(-1);
  const ends = [
    ...(lastStart && sessions.every((s) => tookPlace(s, now)) ? [lastStart] : []),
    ...(now.toISOString() > windowEnds && sessions.every((s) => s.startsAt <= windowEnds) ? [windowEnds] : []),
  ];
  return ends.sort()[0] ?? null;
}

/** When the tailored support is over, or is expected to be until it is: the later of the window's end and the last session. */
export function tailoredSupportEnds(sessions: readonly SessionFacts[], tailoredTo: Day, now: Date): string {
  return tailoredSupportOverAt(sessions, tailoredTo, now) ?? [lastMomentOfUkDay(tailoredTo), ...sessions.map((s) => s.startsAt)].sort().at(-1)!;
}
