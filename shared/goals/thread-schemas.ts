import { z } from 'zod';
import { DomainId } from '../cascade/framework';
import { gboRating } from './gbo';

/**
 * What happens to a goal between meetings: its named owner, their check-ins and the decisions
 * taken about it. The goal book holds these (shared/goals/book.ts); the pure changes are in
 * shared/goals/thread.ts. Kept apart so the book's schema can use them without a cycle.
 */

/** How likely the owner thinks the goal is to be met by its due date, in plain words. */
export const confidenceLevels = ['likely', 'at-risk', 'unlikely'] as const;
const Confidence = z.enum(confidenceLevels, { error: 'Choose how likely it is that the goal will be met by its due date' });
export type Confidence = z.infer<typeof Confidence>;
export const confidenceLabels: Record<Confidence, string> = {
  likely: 'Likely to be met by the due date',
  'at-risk': 'At risk of not being met by the due date',
  unlikely: 'Unlikely to be met by the due date',
};
export const confidenceTags: Record<Confidence, string> = { likely: 'Likely', 'at-risk': 'At risk', unlikely: 'Unlikely' };

export const checkInTextLimits = { happened: 1000, inTheWay: 1000, helpNeeded: 1000, helpFrom: 120 } as const;

/** A written answer within its limit; refused over it in GOV.UK's words: "[What it is] must be 1000 characters or fewer". */
const Said = (limit: number, what: string) => z.string().trim().max(limit, `${what} must be ${limit} characters or fewer`);

/**
 * A check-in as sent: a rating or null, the confidence and what happened are required. Null is
 * the owner's answer "I would rather not rate it now"; a missing rating is refused, so a form
 * that forgot to ask cannot record "not rated" for them.
 */
export const CheckInBody = z.object({
  /** Provisional: the agreed ratings at meetings stay the formal points. */
  rating: gboRating('Select a rating from 0 to 10, or select that you would rather not rate it now').nullable(),
  confidence: Confidence,
  happened: Said(checkInTextLimits.happened, 'What has happened').min(1, 'Say what has happened since the last check-in'),
  inTheWay: Said(checkInTextLimits.inTheWay, 'What is in the way').default(''),
  helpNeeded: Said(checkInTextLimits.helpNeeded, 'The help you need').default(''),
  helpFrom: Said(checkInTextLimits.helpFrom, 'Who could help').default(''),
  /** Made by the client once per check-in, so a retry after a lost answer records it once. */
  changeId: z.uuid().optional(),
});
export type CheckInBody = z.input<typeof CheckInBody>;

export const CheckIn = z.object({
  id: z.string(),
  goalId: z.string(),
  by: z.string(),
  byName: z.string(),
  at: z.string(),
  rating: z.number().int().nullable(),
  confidence: Confidence,
  happened: z.string(),
  inTheWay: z.string(),
  helpNeeded: z.string(),
  helpFrom: z.string(),
});
export type CheckIn = z.infer<typeof CheckIn>;

export const GoalOwnerBody = z.object({ ownerId: z.string({ error: 'Choose who owns the goal' }).min(1, 'Choose who owns the goal').max(64) });
export type GoalOwnerBody = z.input<typeof GoalOwnerBody>;

/** How long a decision may be, at a meeting or between meetings. */
export const decisionTextLimit = 1000;

/** A decision or an action is about a goal or a domain (or neither), never both, so the record says plainly what it is about. */
export const oneTie = (tie: { goalId: string | null; domainId: DomainId | null }) => tie.goalId === null || tie.domainId === null;
export const oneTieMessage = { message: 'Tie it to a goal or to a domain, not both', path: ['domainId'] };

/**
 * A decision recorded between meetings, tied to a goal or a domain where it fits. At a meeting a
 * decision is a `record-decision` meeting action (shared/goals/meeting-records.ts).
 */
export const DecisionBody = z
  .object({
    text: Said(decisionTextLimit, 'The decision').min(1, 'Enter the decision'),
    goalId: z.string().min(1).max(64).nullable().default(null),
    domainId: DomainId.nullable().default(null),
    /** Made by the client once per decision, so a retry after a lost answer records it once. */
    changeId: z.uuid().optional(),
  })
  .refine(oneTie, oneTieMessage);
export type DecisionBody = z.input<typeof DecisionBody>;

export const Decision = z.object({
  id: z.string(),
  text: z.string(),
  goalId: z.string().nullable(),
  domainId: DomainId.nullable(),
  meetingId: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type Decision = z.infer<typeof Decision>;
