import { z } from 'zod';
import { addCalendarMonths, ukDay } from './dates';
import { checkTypedDay } from './typed-day';

/** How the due date is named in its messages ("Enter the date it is due"), as its form's legend names it. */
const dueQuestion = 'date it is due';

/**
 * A due date as typed (see `checkTypedDay`), as a day. Whether it is still to come is not asked
 * here: that needs the clock, which the server reads (`newActionDueProblem`), and a body is
 * parsed the same whatever the day.
 */
const DueDay = z.string({ error: `Enter the ${dueQuestion}` }).transform((answer, ctx) => {
  const checked = checkTypedDay(answer, dueQuestion);
  if (checked.ok) return checked.day;
  ctx.addIssue({ code: 'custom', message: checked.problem });
  return z.NEVER;
});

/** How far ahead an action may fall due: the programme runs a year, so a day past this is a slip (a year typed 9999), not a plan. */
const furthestDueInYears = 2;

/**
 * What is wrong with a new action's due date at `now`, or null. It must be today or later in the
 * UK: an action already due when it is agreed shows as overdue at once; and within
 * `furthestDueInYears`. Actions stored earlier are not asked again, so one whose day has passed
 * still loads and can be ticked off.
 */
export const newActionDueProblem = (due: string, now: Date): string | null => {
  const today = ukDay(now);
  const checked = checkTypedDay(due, dueQuestion, today);
  if (!checked.ok) return checked.problem;
  return checked.day > addCalendarMonths(today, 12 * furthestDueInYears) ? `Date it is due must be within ${furthestDueInYears} years of today` : null;
};

/** Something someone agreed to do, by a date: recorded against goals and tailored sessions alike. */
export const ActionFields = z.object({
  what: z.string({ error: 'Enter what will be done' }).trim().min(1, 'Enter what will be done').max(300, 'Keep the action to 300 characters or fewer'),
  owner: z.string({ error: 'Enter who will do it' }).trim().min(1, 'Enter who will do it').max(120, 'Keep the owner to 120 characters or fewer'),
  due: DueDay,
  /** Made by the client once per action, so a retry after a lost answer records it once. */
  changeId: z.uuid().optional(),
});
export type ActionFields = z.input<typeof ActionFields>;

/**
 * How many actions (or check-ins, or decisions) one person may add to a book: far beyond a
 * programme year's use, but a bound. A book is read and written whole at every change and sent
 * to everyone after it, so one member adding entries by the thousand slowed every meeting of the
 * site to a crawl; a bound per person leaves everyone else able to record theirs.
 */
export const entriesPerPerson = 250;

/** Why this person may add no more of these (`what`, e.g. "actions for a site"), or null while they may. */
export const entriesLimitRefusal = (alreadyAdded: number, what: string): string | null =>
  alreadyAdded >= entriesPerPerson ? `One person can record at most ${entriesPerPerson} ${what}` : null;

export const ActionDoneBody = z.object({ done: z.boolean({ error: 'Say whether the action is done' }) });
export type ActionDoneBody = z.input<typeof ActionDoneBody>;

export const TrackedAction = z.object({
  id: z.string(),
  what: z.string(),
  owner: z.string(),
  due: z.string(),
  done: z.boolean(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type TrackedAction = z.infer<typeof TrackedAction>;
