import { z } from 'zod';

/**
 * Why a session ended while connections opened with it were still open. The board and the
 * live meeting say it to the person, so a tab left open does not carry on as if signed in.
 */
export const SessionEndReason = z.enum(['signed-out', 'signed-out-everywhere', 'password-changed', 'password-set-from-link', 'session-ended']);
export type SessionEndReason = z.infer<typeof SessionEndReason>;

/** Short enough for a websocket close frame (123 bytes). */
export const sessionEndedMessages: Record<SessionEndReason, string> = {
  'signed-out': 'You signed out of this browser in another tab. Sign in again to carry on.',
  'signed-out-everywhere': 'You signed out everywhere. Sign in again to carry on.',
  'password-changed': 'Your password was changed, so you were signed out here. Sign in again to carry on.',
  'password-set-from-link': 'A new password was set from an emailed link, so you were signed out here.',
  // Found ended without being told how (its message was lost while Redis was away).
  'session-ended': 'You are no longer signed in here. Sign in again to carry on.',
};
