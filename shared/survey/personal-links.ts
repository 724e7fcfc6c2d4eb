import { z } from 'zod';
import type { SiteRole } from '../roles';

/**
 * Which addresses were sent a personal survey link, kept so that the lead and facilitators can
 * see who was asked (and spot an address that should not be there). The link itself is never
 * stored, only the hash of its code among all the survey's codes, so no answer can be traced
 * back to an address.
 */
const AddressFlag = z.enum(['free-mail', 'members-organisation']);

/**
 * A list of addresses waiting for a second person: no link goes out until someone in the other
 * role (the site's facilitator for a lead's list, the lead for a facilitator's) has seen the
 * flags and approved it, so no one person can send links to mailboxes they control.
 */
export const PendingLinks = z.object({
  id: z.string(),
  requestedBy: z.string(),
  requestedByName: z.string(),
  requestedByRole: z.enum(['facilitator', 'lead']),
  requestedAt: z.string(),
  addresses: z.array(z.object({ email: z.string(), flags: z.array(AddressFlag) })),
});
export type PendingLinks = z.infer<typeof PendingLinks>;

export const SurveyInvitations = z.object({
  version: z.number().int().nonnegative(),
  sent: z.array(z.object({ email: z.string(), sentAt: z.string(), approvedBy: z.string().optional() })),
  pending: z.array(PendingLinks).default([]),
});
export type SurveyInvitations = z.infer<typeof SurveyInvitations>;
export const noSurveyInvitations = (): SurveyInvitations => ({ version: 0, sent: [], pending: [] });

/** Who approves a list sent by someone in this role: the other of the two who run a survey. */
const approverRoleFor = (requester: 'facilitator' | 'lead'): 'facilitator' | 'lead' => (requester === 'lead' ? 'facilitator' : 'lead');
export const mayApprove = (list: Pick<PendingLinks, 'requestedBy' | 'requestedByRole'>, approver: { userId: string; role: SiteRole }) =>
  approver.userId !== list.requestedBy && approver.role === approverRoleFor(list.requestedByRole);

/** What the two who run a survey see of its personal links: the lists waiting, with their flags, and how many went out. */
export const PersonalLinksState = z.object({ pending: z.array(PendingLinks.extend({ youMayApprove: z.boolean() })), sent: z.number() });
export type PersonalLinksState = z.infer<typeof PersonalLinksState>;
export const PersonalLinksRequested = z.object({ pending: z.string(), addresses: z.number(), flagged: z.number(), alreadySent: z.number() });
export type PersonalLinksRequested = z.infer<typeof PersonalLinksRequested>;


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
      `Your answers are anonymous: nobody, including the people who sent this email, can tell which answers are yours. Results are looked at only once at least ${options.threshold} surveys are complete. Only answers given through links like this one count, and a list of schools is sent links only once two people who run the survey (the strategic lead and a facilitator) have both checked it, so no one person can answer in other schools' names to work out yours. Nothing stops two of them doing so together.`,
    ].join('\n'),
  };
}
