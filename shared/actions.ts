import { z } from 'zod';

/** Something someone agreed to do, by a date: recorded against goals and tailored sessions alike. */
export const ActionFields = z.object({
  what: z.string({ error: 'Enter what will be done' }).trim().min(1, 'Enter what will be done').max(300, 'Keep the action to 300 characters or fewer'),
  owner: z.string({ error: 'Enter who will do it' }).trim().min(1, 'Enter who will do it').max(120, 'Keep the owner to 120 characters or fewer'),
  due: z.iso.date({ error: 'Enter the date it is due' }),
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
