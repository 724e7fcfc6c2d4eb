import { z } from 'zod';

/**
 * Which addresses were sent a personal survey link, kept so that the lead and facilitators can
 * see who was asked (and spot an address that should not be there). The link itself is never
 * stored, only the hash of its code among all the survey's codes, so no answer can be traced
 * back to an address.
 */
export const SurveyInvitations = z.object({
  version: z.number().int().nonnegative(),
  sent: z.array(z.object({ email: z.string(), sentAt: z.string() })),
});
export type SurveyInvitations = z.infer<typeof SurveyInvitations>;
export const noSurveyInvitations = (): SurveyInvitations => ({ version: 0, sent: [] });


export function personalLinkMail(options: { siteName: string; link: string; closesOn: string; threshold: number }) {
  return {
    subject: `${options.siteName}: your school’s survey on working with mental health services`,
    text: [
      'Dear colleague,',
      '',
      `${options.siteName} is taking part in the Link Programme, which helps schools, colleges and mental health services work together. Please complete a short survey about how your school or college works with mental health services. It takes about 10 minutes.`,
      '',
      `This link is for your school or college only and works once. Please do not forward it. Complete it by ${options.closesOn}:`,
      options.link,
      '',
      `Your answers are anonymous: nobody, including the people who sent this email, can tell which answers are yours. Results are looked at only once at least ${options.threshold} surveys are complete.`,
    ].join('\n'),
  };
}
