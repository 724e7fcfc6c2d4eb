import { z } from 'zod';
import { addCalendarDays, addCalendarMonths, startOfUkDay, ukDay, type Day } from '../dates';
import { sixMonthReviewDay, type ProgrammePlan } from '../programme/plan';

/**
 * When a goal's owner is asked to check in, and when the lead is told nobody has (issue 35).
 * Pure: the server gathers the facts, claims each reminder in the site's record of them by
 * compare-and-set and sends the mail. Nothing here closes or changes a goal.
 *
 * The asks fall monthly, counted back from each review day, so the last ask before a review
 * comes a month ahead of it and what the owner says is there when the review opens.
 */
export const recentCheckInDays = 14;
const unansweredBeforeLeadIsTold = 2;

/** What the site has had sent, so each ask goes once and the lead is told once per silence. */
export const CheckInReminderLog = z.object({
  version: z.number().int().nonnegative(),
  /** One per goal and ask day, whether it was sent or skipped for a recent check-in. */
  asks: z.array(z.object({ goalId: z.string(), day: z.string(), ownerId: z.string(), sent: z.boolean(), at: z.string() })).default([]),
  leadTold: z.array(z.object({ goalId: z.string(), at: z.string(), leadIds: z.array(z.string()) })).default([]),
});
export type CheckInReminderLog = z.infer<typeof CheckInReminderLog>;
export const emptyReminderLog = (): CheckInReminderLog => ({ version: 0, asks: [], leadTold: [] });

interface ReminderGoal {
  id: string;
  ownerId: string | null;
  /** Check-in times, any order. */
  checkIns: readonly string[];
}

export interface ReminderFacts {
  now: Date;
  /** The day the goals were locked; asks start after it. */
  lockedOn: Day;
  /** The review days, in order (booked days, or the programme's dates until booked). */
  reviewDays: readonly Day[];
  goals: readonly ReminderGoal[];
  log: CheckInReminderLog;
}

/**
 * The ask days: for each review, whole calendar months back from it while still after the
 * previous anchor (the lock, then the review before), in order and without repeats.
 */
export function askDays(lockedOn: Day, reviewDays: readonly Day[]): Day[] {
  const days = new Set<Day>();
  let previous = lockedOn;
  for (const review of [...reviewDays].sort()) {
    if (review <= previous) continue;
    for (let months = 1; ; months++) {
      const day = addCalendarMonths(review, -months);
      if (day <= previous) break;
      days.add(day);
    }
    previous = review;
  }
  return [...days].sort();
}

/** The review days the asks are counted back from: as booked (and not cancelled), or the programme's dates until then. */
export function reviewDaysOf(plan: Pick<ProgrammePlan, 'review3mBy' | 'review6mBy'>, meetings: readonly { kind: string; status: string; startsAt: string }[]): Day[] {
  const booked3m = meetings.find((m) => m.kind === 'review-3m' && m.status !== 'cancelled');
  return [booked3m ? ukDay(booked3m.startsAt) : plan.review3mBy, sixMonthReviewDay(plan, meetings)];
}

const checkedInSince = (checkIns: readonly string[], fromIso: string) => checkIns.some((at) => at >= fromIso);
/** Whether a check-in came in the 14 days before the ask day, or since: then the ask is not needed. */
const answeredAround = (checkIns: readonly string[], askDay: Day) => checkedInSince(checkIns, startOfUkDay(addCalendarDays(askDay, -recentCheckInDays)));

/** The latest ask day that has come, if the goal has had no check-in around it: what its owner still has to do. */
export function outstandingAsk(lockedOn: Day, reviewDays: readonly Day[], checkIns: readonly string[], now: Date): Day | null {
  const latest = askDays(lockedOn, reviewDays).filter((d) => d <= ukDay(now)).at(-1);
  return latest && !answeredAround(checkIns, latest) ? latest : null;
}

export type DueReminder =
  | { kind: 'ask-owner'; goalId: string; ownerId: string; day: Day; send: boolean }
  | { kind: 'tell-lead'; goalId: string };

/**
 * What is due now. An ask for the latest ask day that has come, once per goal and day: sent,
 * or recorded as skipped when the goal had a check-in in the 14 days before that day (or since),
 * so the rule does not change its mind as days pass. The lead is told once when the owner's
 * last two sent asks have had no check-in since the first of them; a check-in starts afresh.
 */
export function dueCheckInReminders(facts: ReminderFacts): DueReminder[] {
  const today = ukDay(facts.now);
  const passed = askDays(facts.lockedOn, facts.reviewDays).filter((d) => d <= today);
  const latest = passed.at(-1);
  const due: DueReminder[] = [];
  for (const goal of facts.goals) {
    if (!goal.ownerId) continue;
    const asked = facts.log.asks.filter((a) => a.goalId === goal.id);
    if (latest && !asked.some((a) => a.day === latest)) {
      due.push({ kind: 'ask-owner', goalId: goal.id, ownerId: goal.ownerId, day: latest, send: !answeredAround(goal.checkIns, latest) });
    }
    const sent = asked.filter((a) => a.sent).sort((a, b) => a.at.localeCompare(b.at));
    const lastTwo = sent.slice(-unansweredBeforeLeadIsTold);
    if (lastTwo.length < unansweredBeforeLeadIsTold || checkedInSince(goal.checkIns, lastTwo[0]!.at)) continue;
    const lastTold = facts.log.leadTold.filter((t) => t.goalId === goal.id).at(-1);
    const toldForThisSilence = lastTold && !checkedInSince(goal.checkIns, lastTold.at);
    if (!toldForThisSilence) due.push({ kind: 'tell-lead', goalId: goal.id });
  }
  return due;
}
