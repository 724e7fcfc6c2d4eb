import { z } from 'zod';

/**
 * A to-do's state and a site's next deadline, as the list of sites shows them: apart from the
 * timeline's date rules, so that the first pages after signing in do not carry those rules and
 * the time-zone library with them.
 */
/** Not needed: the site chose not to do it (the school survey is optional). */
export const ItemStatus = z.enum(['done', 'due', 'overdue', 'upcoming', 'not-needed']);
export type ItemStatus = z.infer<typeof ItemStatus>;
export const Deadline = z.object({ by: z.string(), what: z.string(), status: ItemStatus });
export type Deadline = z.infer<typeof Deadline>;
export const itemStatusLabels: Record<ItemStatus, string> = { done: 'Done', due: 'Due soon', overdue: 'Overdue', upcoming: 'Coming up', 'not-needed': 'Not needed' };
