import { isReviewKind, type MeetingKind } from '../meetings/meeting';
import { addCalendarDays, lastMomentOfUkDay, ukDay, type Day } from '../dates';
import { tailoredSupportEnds, type SessionFacts } from './tailored-support';

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

/**
 * Calendar days before the consultation that its baseline survey is first emailed. The guide
 * sends it to those taking part "at least one week in advance" and has it "completed prior to
 * consultation meeting" (sections 2 and 7); only the lead is asked to complete it "at least a
 * week before" (section 4). Two weeks gives stakeholders a fortnight with two weekends, and the
 * lead a week before their own deadline, rather than an email that lands as the to-do turns
 * overdue. It goes on being sent until the meeting starts, so those who register later (until a
 * week before, by default) have it at the next sweep.
 */
export const baselineLeadDays = 14;
/** The lead's own deadline for the baseline survey (guide section 4). */
export const leadBaselineDaysBefore = 7;

/** Calendar days after the tailored support is over to answer the follow-up survey. */
const followUpAnswerDays = 14;

/**
 * The end of the day the follow-up survey is due: two weeks after the tailored support is over
 * (or is expected to be). Its email is sent from the moment the support is over until then.
 */
export const followUpDueBy = (sessions: readonly SessionFacts[], tailoredTo: Day, now: Date): string =>
  lastMomentOfUkDay(addCalendarDays(ukDay(tailoredSupportEnds(sessions, tailoredTo, now)), followUpAnswerDays));
