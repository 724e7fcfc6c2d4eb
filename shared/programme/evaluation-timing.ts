import { isReviewKind, type MeetingKind } from '../meetings/meeting';

/**
 * When the programme's evaluation surveys are asked for (guide sections 6 and 7): one place for
 * each rule, read by both the emails (reminders.ts) and each person's to-dos (duties.ts).
 */

/**
 * Events after which those who came are asked for short feedback: the consultation (section 4),
 * each tailored session (section 5), and the reviews ("Brief feedback from attendees will be
 * sought following these meetings", section 6).
 */
export const asksForFeedback = (kind: MeetingKind): boolean => kind === 'consultation' || kind === 'tailored-support' || isReviewKind(kind);
