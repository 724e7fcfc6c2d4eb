import { z } from 'zod';
import { DomainId } from '../cascade/framework';

/** A goal as drafted in the goals phase: its wording plus the SMART fields. */
export const GoalDraft = z.object({
  wording: z.string().max(500),
  specific: z.string().max(500),
  measurable: z.object({ measure: z.string().max(300), target: z.string().max(300) }),
  achievable: z.object({ ownerOrganisation: z.string().max(120), ownerName: z.string().max(120), resources: z.string().max(500) }),
  relevantDomains: z.array(DomainId).max(7),
  dueDate: z.iso.date().nullable(),
});
export type GoalDraft = z.infer<typeof GoalDraft>;

export type SmartLetter = 'specific' | 'measurable' | 'achievable' | 'relevant' | 'timeBound';
export interface SmartFinding {
  letter: SmartLetter;
  message: string;
}

/** Verbs that say a direction but not an amount; fine with a measure, vague without one. */
const vagueVerbs = /\b(improve|increase|enhance|strengthen|develop|raise|better|support|promote|reduce)\b/i;
const hasNumber = /\d/;

/**
 * Checks a draft goal against SMART and returns what is missing, letter by letter. Pure, so the
 * board can show findings while people type and the server can refuse to lock a goal that fails.
 * `reviewBy` is the last day the programme reviews goals (the 6-month review).
 */
export function checkSmart(goal: GoalDraft, reviewBy: string): SmartFinding[] {
  const findings: SmartFinding[] = [];
  const blank = (s: string) => s.trim().length === 0;
  if (blank(goal.wording)) findings.push({ letter: 'specific', message: 'Write the goal' });
  if (blank(goal.specific)) findings.push({ letter: 'specific', message: 'Say what will change, and for whom' });
  if (blank(goal.measurable.measure)) findings.push({ letter: 'measurable', message: 'Say how progress will be measured' });
  if (blank(goal.measurable.target)) findings.push({ letter: 'measurable', message: 'Give a target to reach' });
  else if (!hasNumber.test(goal.measurable.target)) findings.push({ letter: 'measurable', message: 'Make the target a number or a date, so everyone can tell when it is met' });
  if (vagueVerbs.test(goal.wording) && (blank(goal.measurable.target) || !hasNumber.test(goal.measurable.target))) {
    findings.push({ letter: 'measurable', message: `“${vagueVerbs.exec(goal.wording)![0]}” needs a measure: by how much?` });
  }
  if (blank(goal.achievable.ownerOrganisation)) findings.push({ letter: 'achievable', message: 'Name the organisation that owns the goal' });
  if (blank(goal.achievable.ownerName)) findings.push({ letter: 'achievable', message: 'Name the person who owns the goal' });
  if (goal.relevantDomains.length === 0) findings.push({ letter: 'relevant', message: 'Link the goal to at least one CASCADE domain' });
  if (!goal.dueDate) findings.push({ letter: 'timeBound', message: 'Give a date by which the goal will be met' });
  else if (goal.dueDate > reviewBy) findings.push({ letter: 'timeBound', message: 'The due date is after the 6-month review; bring it within the programme' });
  return findings;
}

