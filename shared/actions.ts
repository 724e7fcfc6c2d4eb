import { z } from 'zod';
import { ukDay } from './dates';
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

/**
 * What is wrong with a new action's due date at `now`, or null. It must be today or later in the
 * UK: an action already due when it is agreed shows as overdue at once. Actions stored earlier are
 * not asked again, so one whose day has passed still loads and can be ticked off.
 */
export const newActionDueProblem = (due: string, now: Date): string | null => {
  const checked = checkTypedDay(due, dueQuestion, ukDay(now));
  return checked.ok ? null : checked.problem;
};

/** Something someone agreed to do, by a date: recorded against goals and tailored sessions alike. */
export const ActionFields = z.object({
  what: z.string({ error: 'Enter what will be done' }).trim().min(1, 'Enter what will be done').max(300, 'Keep the action to 300 characters or fewer'),
  owner: z.string({ error: 'Enter who will do it' }).trim().min(1, 'Enter who will do it').max(120, 'Keep the owner to 120 characters or fewer'),
  due: DueDay,
});
export type ActionFields = z.input<typeof ActionFields>;

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
