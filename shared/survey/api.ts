import { z } from 'zod';
import { startOfUkDay, ukTime } from '../dates';
import type { QueryAnswer } from './anonymity';
import { AnswerValue, type InstrumentFile } from './instrument';
import { RequestId } from '../api/request-id';
import { PublishedCount } from './count';

/**
 * How schools get in: anyone with the link; a code per school handed out by the lead; or a link
 * of its own emailed to each school, which nobody else (the lead included) ever sees.
 */
export const AccessMode = z.enum(['open', 'codes', 'personal'], { error: 'Choose how schools and colleges get into the survey' });
export type AccessMode = z.infer<typeof AccessMode>;
export const needsAccessCode = (mode: AccessMode) => mode !== 'open';

export const CreateCampaignBody = z.object({
  instrumentId: z.string().min(1).max(48).default('esmhci-s-demo'),
  instrumentVersion: z.string().min(1).max(20).default('1'),
  opensAt: z.iso.datetime({ offset: true, error: 'Enter when the survey opens' }).optional(),
  closesAt: z.iso.datetime({ offset: true, error: 'Enter when the survey closes' }).optional(),
  accessMode: AccessMode,
  threshold: z.number().int().min(10, 'The threshold is at least 10 completed surveys').max(200).optional(),
});
export type CreateCampaignBody = z.input<typeof CreateCampaignBody>;

export const CampaignSummary = z.object({
  id: z.string(),
  siteId: z.string(),
  title: z.string(),
  demonstration: z.boolean(),
  opensAt: z.string(),
  closesAt: z.string(),
  accessMode: AccessMode,
  /** With personal links: how many schools and colleges have been sent theirs. */
  personalLinksSent: z.number(),
  threshold: z.number(),
  ...PublishedCount.shape,
  released: z.boolean(),
  publicUrl: z.string(),
  emailText: z.string(),
  /** Every change of dates after opening, oldest first, with who made it. */
  dateChanges: z.array(z.object({ at: z.string(), by: z.string(), opensAt: z.string(), closesAt: z.string() })),
});
export type CampaignSummary = z.infer<typeof CampaignSummary>;

/** New dates for an open (or not yet open) survey: close it early, extend it, or move it. */
export const SurveyDatesBody = z
  .object({
    opensAt: z.iso.datetime({ offset: true, error: 'Enter when the survey opens' }),
    closesAt: z.iso.datetime({ offset: true, error: 'Enter when the survey closes' }),
  })
  .refine((d) => Date.parse(d.closesAt) > Date.parse(d.opensAt), { message: 'The survey must close after it opens', path: ['closesAt'] });
export type SurveyDatesBody = z.input<typeof SurveyDatesBody>;

export const AccessCodesBody = z.object({
  count: z.number({ error: 'Enter how many codes you need' }).int('Enter a whole number').min(1, 'Ask for at least 1 code').max(500, 'Ask for at most 500 codes at a time'),
});

const maxPersonalLinks = 500;

/** Addresses pasted from a list or a spreadsheet column: one per line, or separated by commas or semicolons. */
export const PersonalLinksBody = z.object({
  addresses: z
    .string({ error: 'Enter the email addresses of the schools and colleges' })
    .max(100_000, 'That is too much text: send at most 500 addresses at a time')
    .transform((text, ctx) => {
      const addresses = [...new Set(text.split(/[\s,;]+/).map((a) => a.trim().toLowerCase()).filter(Boolean))];
      const invalid = addresses.filter((a) => !z.email().safeParse(a).success);
      if (!addresses.length) ctx.addIssue({ code: 'custom', message: 'Enter the email addresses of the schools and colleges' });
      else if (invalid.length) ctx.addIssue({ code: 'custom', message: `These are not email addresses: ${invalid.slice(0, 5).join(', ')}${invalid.length > 5 ? ` and ${invalid.length - 5} more` : ''}` });
      else if (addresses.length > maxPersonalLinks) ctx.addIssue({ code: 'custom', message: `Send at most ${maxPersonalLinks} addresses at a time` });
      return addresses;
    }),
});

export const SurveyCount = z.object({ campaignId: z.string(), ...PublishedCount.shape, threshold: z.number(), closesAt: z.string() });
export type SurveyCount = z.infer<typeof SurveyCount>;

export const SubmitResponseBody = z.object({
  /** Made by the school's browser and sent again with any retry, so the survey is stored once. */
  submissionId: RequestId.optional(),
  accessCode: z.string().trim().max(40).optional(),
  context: z.record(z.string().max(48), z.string().max(48)).default({}),
  answers: z.record(z.string().max(48), AnswerValue),
});
export type SubmitResponseBody = z.input<typeof SubmitResponseBody>;

/** A school checks its access code on the survey's first page, before answering. */
export const AccessCodeCheckBody = z.object({
  accessCode: z.string({ error: 'Enter the access code your school or college was given' }).trim().min(1, 'Enter the access code your school or college was given').max(40),
});
export type AccessCodeCheckBody = z.input<typeof AccessCodeCheckBody>;

export interface PublicSurvey {
  title: string;
  demonstration: boolean;
  notice: string;
  status: 'not-open' | 'open' | 'closed';
  opensAt: string;
  closesAt: string;
  needsCode: boolean;
  instrument: InstrumentFile;
}

export interface SurveyResultsReply extends PublishedCount {
  threshold: number;
  /** How many responses the shown results cover; null before the threshold. */
  released: number | null;
  answer: QueryAnswer;
}

/**
 * What a meeting's board, drawn by the server in its welcome phase, shows of the site's surveys:
 * every survey, and the results of the latest (the last summary) exactly as the results route
 * gives them (the anonymity rules decide both), so the welcome is on screen whole before the app
 * has loaded.
 */
export const DrawnSurveys = z.object({
  siteId: z.string(),
  summaries: z.array(CampaignSummary),
  latestResults: z.custom<SurveyResultsReply>().nullable(),
});
export type DrawnSurveys = z.infer<typeof DrawnSurveys>;

/**
 * When a site's survey runs unless the person opening it says otherwise: from the site's
 * programme, opening the day it says (or now, if that day has begun) and closing at 5pm UK time
 * on the day it closes. Null once that day has passed: dates must then be given.
 */
export function surveyWindowFrom(plan: { surveyOpensOn: string; surveyClosesOn: string }, now: Date): { opensAt: string; closesAt: string } | null {
  const closesAt = ukTime(plan.surveyClosesOn, 17);
  if (closesAt <= now.toISOString()) return null;
  const opensOn = startOfUkDay(plan.surveyOpensOn);
  return { opensAt: opensOn > now.toISOString() ? opensOn : now.toISOString(), closesAt };
}
