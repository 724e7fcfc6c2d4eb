import { z } from 'zod';
import { ActionFields } from '../actions';
import { cascadeDomains, DomainId } from '../cascade/framework';
import { decisionTextLimit, oneTie, oneTieMessage } from './thread-schemas';

/**
 * Actions and decisions recorded in a live meeting (domain review, goals, close), sent as
 * socket.io `meeting:action` messages like every other meeting action, so the table of meeting
 * actions (shared/meeting-actions.ts) decides who may record them and when. Each may be tied to
 * one of the seven CASCADE domains or to one of the site's locked goals, or to neither; never both,
 * so the record says plainly what it is about.
 */
const GoalId = z.string().min(1).max(64);

export const tiedTo = {
  goalId: GoalId.nullable().default(null),
  domainId: DomainId.nullable().default(null),
};

/** An action agreed in the meeting: what, which member will do it (it goes on their to-do list), by when. */
export const RecordActionAction = z
  .object({
    type: z.literal('record-action'),
    what: ActionFields.shape.what,
    ownerId: z.string({ error: 'Choose who will do it' }).min(1, 'Choose who will do it').max(64),
    due: ActionFields.shape.due,
    ...tiedTo,
  })
  .refine(oneTie, oneTieMessage);
export type RecordActionAction = z.infer<typeof RecordActionAction>;

export const RecordDecisionAction = z
  .object({
    type: z.literal('record-decision'),
    text: z.string({ error: 'Enter the decision' }).trim().min(1, 'Enter the decision').max(decisionTextLimit, `The decision must be ${decisionTextLimit} characters or fewer`),
    ...tiedTo,
  })
  .refine(oneTie, oneTieMessage);
export type RecordDecisionAction = z.infer<typeof RecordDecisionAction>;

/** What a recorded action or decision is about, in words: “Goal 2”, “6. Integrated working and access”, or nothing. */
export function tieLabel(tie: { goalId: string | null; domainId: DomainId | null }, goals: readonly { id: string; position: number }[]): string | null {
  if (tie.goalId !== null) return `Goal ${goals.find((g) => g.id === tie.goalId)?.position ?? '?'}`;
  if (tie.domainId !== null) return `${tie.domainId}. ${cascadeDomains[tie.domainId - 1]!.shortTitle}`;
  return null;
}
