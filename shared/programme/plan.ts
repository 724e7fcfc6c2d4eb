import { z } from 'zod';
import { addCalendarDays, ukDay, ukTime } from '../dates';
import { formatDate } from '../format';
import type { MeetingKind } from '../meetings/meeting';

/**
 * A site's programme year (guide section 2): the dates its facilitator sets for its wave, or
 * provisional ones moved from the guide's wave 2 until then. One source for every date the
 * timeline, to-dos, survey and reminders use.
 */
const addDays = addCalendarDays;
const Day = (what: string) => z.iso.date({ error: `Enter the date ${what}` });

const planFields = {
  wave: z.string({ error: 'Enter the wave' }).trim().min(1, 'Enter the wave, for example Wave 2').max(60, 'Keep the wave to 60 characters or fewer'),
  surveyOpensOn: Day('the school and FE college survey opens'),
  confirmConsultationBy: Day('by which the lead confirms the consultation date'),
  surveyClosesOn: Day('the school and FE college survey closes'),
  consultationFrom: Day('the consultation window starts'),
  consultationTo: Day('the consultation window ends'),
  confirmReviewsBy: Day('by which the lead confirms the review meetings’ dates'),
  tailoredFrom: Day('the tailored support sessions window starts'),
  tailoredTo: Day('the tailored support sessions window ends'),
  review3mBy: Day('by which the 3-month review is held'),
  review6mBy: Day('by which the 6-month review is held'),
};
type PlanDateField = Exclude<keyof typeof planFields, 'wave'>;

/** Pairs that must come in this order, with the message shown on the later field. */
const planOrder: [PlanDateField, PlanDateField, string][] = [
  ['surveyOpensOn', 'surveyClosesOn', 'The survey must close after it opens'],
  ['confirmConsultationBy', 'consultationFrom', 'The consultation window must start after the date is confirmed'],
  ['consultationFrom', 'consultationTo', 'The consultation window must end on or after its start'],
  ['consultationFrom', 'tailoredFrom', 'Tailored support sessions start after the consultation window starts'],
  ['tailoredFrom', 'tailoredTo', 'The tailored support sessions window must end on or after its start'],
  ['consultationTo', 'review3mBy', 'The 3-month review comes after the consultation'],
  ['confirmConsultationBy', 'confirmReviewsBy', 'The review dates are confirmed after the consultation date'],
  ['confirmReviewsBy', 'review3mBy', 'The 3-month review comes after the deadline to confirm its date'],
  ['review3mBy', 'review6mBy', 'The 6-month review comes after the 3-month review'],
];

/** The guide's review dates are confirmed by 17 January, two weeks into a window opening on 3 January (section 6). */
const confirmReviewsDaysIn = 14;
/** The Centre suggests them by 7 January, ten days before the lead confirms them. */
export const suggestReviewsDaysBefore = 10;

/**
 * Plans saved before the review dates had a deadline of their own get the guide's: two weeks into
 * the consultation window. A stored plan is never rewritten to say so.
 */
const withReviewsDeadline = (value: unknown) => {
  if (typeof value !== 'object' || value === null) return value;
  const plan = value as { consultationFrom?: unknown; confirmReviewsBy?: unknown };
  if (plan.confirmReviewsBy !== undefined || typeof plan.consultationFrom !== 'string' || !z.iso.date().safeParse(plan.consultationFrom).success) return value;
  return { ...plan, confirmReviewsBy: addDays(plan.consultationFrom, confirmReviewsDaysIn) };
};

export const ProgrammePlan = z.preprocess(
  withReviewsDeadline,
  z.object(planFields).superRefine((plan, ctx) => {
    for (const [earlier, later, message] of planOrder) {
      if (plan[later] < plan[earlier]) ctx.addIssue({ code: 'custom', path: [later], message });
    }
  }),
);
export type ProgrammePlan = z.infer<typeof ProgrammePlan>;
/** The plan as stored, with the version it was saved at (0: the provisional plan, never saved). */
export const StoredProgrammePlan = z.preprocess(withReviewsDeadline, z.object({ version: z.number().int().nonnegative(), ...planFields }));
export const planDateFields = Object.keys(planFields).filter((k): k is PlanDateField => k !== 'wave');

export const planDateLabels: Record<PlanDateField, string> = {
  surveyOpensOn: 'School and FE college survey opens',
  confirmConsultationBy: 'Deadline to confirm the consultation date',
  surveyClosesOn: 'Deadline for the school and FE college survey',
  consultationFrom: 'Consultation meetings from',
  consultationTo: 'Consultation meetings until',
  confirmReviewsBy: 'Deadline to confirm the review meetings’ dates',
  tailoredFrom: 'Tailored support sessions from',
  tailoredTo: 'Tailored support sessions until',
  review3mBy: '3-month review by',
  review6mBy: '6-month review by',
};


/**
 * The guide's wave 2 year (consultations from 3 January; confirm the date by 4 October; survey
 * 1 to 26 November; review dates confirmed by 17 January; sessions February and March; reviews
 * by the end of April and of June),
 * moved to start on `consultationFrom`.
 */
export function defaultPlan(consultationFrom: string, wave = 'Wave 1'): ProgrammePlan {
  return {
    wave,
    surveyOpensOn: addDays(consultationFrom, -63),
    confirmConsultationBy: addDays(consultationFrom, -91),
    surveyClosesOn: addDays(consultationFrom, -38),
    consultationFrom,
    consultationTo: addDays(consultationFrom, 28),
    confirmReviewsBy: addDays(consultationFrom, confirmReviewsDaysIn),
    tailoredFrom: addDays(consultationFrom, 29),
    tailoredTo: addDays(consultationFrom, 87),
    review3mBy: addDays(consultationFrom, 117),
    review6mBy: addDays(consultationFrom, 178),
  };
}

/**
 * Provisional dates for a site whose facilitator has not set its wave's: consultations fourteen
 * weeks after the site was created, so every deadline is still ahead (the first, suggesting a
 * consultation date a week before the lead confirms it, tomorrow).
 */
export const provisionalPlan = (site: { createdAt: string }): ProgrammePlan => defaultPlan(addDays(ukDay(site.createdAt), 99));


/**
 * The site's 6-month review day, the one date everything uses for it (the timeline, the last day
 * a goal may fall due): the day of its 6-month review meeting once one is booked (and not
 * cancelled), otherwise the programme's date for it.
 */
export function sixMonthReviewDay(plan: Pick<ProgrammePlan, 'review6mBy'>, meetings: readonly { kind: string; status: string; startsAt: string }[]): string {
  const booked = meetings.find((m) => m.kind === 'review-6m' && m.status !== 'cancelled');
  return booked ? ukDay(booked.startsAt) : plan.review6mBy;
}

/**
 * The "when" hint of a booking form, from the site's own windows rather than the guide's months
 * (a wave starting in March has its consultation in March, not January).
 */
export function bookingWindowHint(plan: ProgrammePlan | undefined, kind: MeetingKind | undefined): string {
  const day = (d: string) => formatDate(ukTime(d, 12));
  const window: Partial<Record<MeetingKind, (p: ProgrammePlan) => string>> = {
    consultation: (p) => `This site’s consultation window is ${day(p.consultationFrom)} to ${day(p.consultationTo)}.`,
    'tailored-support': (p) => `This site’s sessions run from ${day(p.tailoredFrom)} to ${day(p.tailoredTo)}.`,
    'review-3m': (p) => `This site’s 3-month review is due by ${day(p.review3mBy)}.`,
    'review-6m': (p) => `This site’s 6-month review is due by ${day(p.review6mBy)}.`,
  };
  // Not yet chosen (the form asks for the kind on the same page): the windows a form may book.
  const kinds: MeetingKind[] = kind ? [kind] : ['consultation', 'review-3m', 'review-6m'];
  const said = plan ? kinds.map((k) => window[k]?.(plan)).filter(Boolean) : [];
  return ['UK time.', ...said].join(' ');
}
