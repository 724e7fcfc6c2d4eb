import { MemoryStore, type Options } from 'express-rate-limit';
import { HttpError } from '../http/errors';

/** The window over which a person's meeting actions are counted. */
const actionWindowMs = 10_000;

/**
 * How many actions one person may send to one meeting, on this process, in ten seconds. Each is
 * stored and sends every participant a new view of the meeting, so one looping client (a vote or a
 * "ready" toggled thousands of times) would otherwise make everyone's meeting, and the meetings
 * beside it on this process, wait behind its work. Far above anyone's clicking: a facilitator
 * moving a note a second, or a participant adding the board's whole allowance of notes at once.
 * Counted per process: a board's people are on one (the deployment's proxy), and each process's
 * count bounds what any one of them takes on.
 */
export function meetingActionLimit(perWindow: number): { check(userId: string, meetingId: string): Promise<void>; close(): void } {
  const counts = new MemoryStore();
  // express-rate-limit's own counter, used outside Express: it reads only the window from its options.
  counts.init({ windowMs: actionWindowMs } as Options);
  return {
    async check(userId, meetingId) {
      const { totalHits } = await counts.increment(`${userId}:${meetingId}`);
      if (totalHits > perWindow) throw new HttpError(429, 'Too many actions at once: wait a few seconds, then try again');
    },
    close: () => counts.shutdown(),
  };
}
