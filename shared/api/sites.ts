import { z } from 'zod';
import type { Ability } from '../policy';
import { Deadline } from '../programme/deadline';
import { SiteRole } from '../roles';
import { OrganisationName, Sector } from '../organisations';
import { Email, NewPassword, PersonName } from './auth';
import { emailsInText } from './email-list';

const SiteName = z
  .string({ error: 'Enter the name of the site' })
  .trim()
  .min(2, 'Enter the name of the site')
  .max(120, 'Site name must be 120 characters or fewer');

export const CreateSiteBody = z.object({ name: SiteName });
export type CreateSiteBody = z.infer<typeof CreateSiteBody>;

/** Facilitators also see each site's next deadline, to run many sites at once. */
export const SiteSummary = z.object({ id: z.string(), name: z.string(), myRole: SiteRole, nextDeadline: Deadline.nullable().optional() });
export type SiteSummary = z.infer<typeof SiteSummary>;

export const Member = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: SiteRole,
  organisation: z.string(),
  sector: z.string(),
});
export type Member = z.infer<typeof Member>;

export const PendingInvitation = z.object({
  id: z.string(),
  email: z.string(),
  role: SiteRole,
  expiresAt: z.string(),
});
export type PendingInvitation = z.infer<typeof PendingInvitation>;

export const SiteDetail = SiteSummary.extend({
  /** What the caller may do on this site (from shared/policy.ts). */
  abilities: z.array(z.custom<Ability>()),
  members: z.array(Member),
  invitations: z.array(PendingInvitation),
});
export type SiteDetail = z.infer<typeof SiteDetail>;

const InvitedRole = z.enum(SiteRole.options, { error: 'Choose what they will do on the site' });

export const CreateInvitationBody = z.object({ email: Email, role: InvitedRole });
export type CreateInvitationBody = z.infer<typeof CreateInvitationBody>;

/**
 * Several people at once: any text holding email addresses (a pasted list, or rows copied from a
 * spreadsheet or CSV file). Every word with an @ in it must be an address; other words are ignored.
 */
const EmailList = z
  .string({ error: 'Enter at least one email address' })
  .max(20_000, 'Invite at most 50 people at a time')
  .transform((text, ctx) => {
    const candidates = emailsInText(text);
    const wrong = candidates.filter((word) => !Email.safeParse(word).success);
    if (wrong.length) ctx.addIssue({ code: 'custom', message: `These are not email addresses: ${wrong.slice(0, 5).join(', ')}` });
    if (!candidates.length) ctx.addIssue({ code: 'custom', message: 'Enter at least one email address' });
    if (candidates.length > 50) ctx.addIssue({ code: 'custom', message: 'Invite at most 50 people at a time' });
    return candidates;
  });

export const CreateInvitationsBody = z.object({ emails: EmailList, role: InvitedRole });
export type CreateInvitationsBody = z.input<typeof CreateInvitationsBody>;

export interface BulkInvitationOutcome {
  sent: PendingInvitation[];
  skipped: { email: string; reason: string }[];
}

const InvitationToken = z
  .string({ error: 'The invitation link is incomplete' })
  .regex(/^[A-Za-z0-9_-]{32,64}$/, 'The invitation link is incomplete or has been changed');

export const InvitationLookupBody = z.object({ token: InvitationToken });
export type InvitationLookupBody = z.infer<typeof InvitationLookupBody>;

export const InvitationPreview = z.object({
  siteName: z.string(),
  email: z.string(),
  role: SiteRole,
  hasAccount: z.boolean(),
});
export type InvitationPreview = z.infer<typeof InvitationPreview>;

/** `name` is needed only by people without an account; they also choose their password here. */
export const AcceptInvitationBody = z.object({
  token: InvitationToken,
  name: PersonName.optional(),
  organisation: OrganisationName.optional(),
  sector: Sector.optional(),
  password: z.string({ error: 'Enter a password' }).min(1, 'Enter a password').max(200),
});
export type AcceptInvitationBody = z.infer<typeof AcceptInvitationBody>;

/** What accepting an invitation needs from someone who has no account yet. */
export const NewAccountDetails = z.object({ name: PersonName, password: NewPassword, organisation: OrganisationName, sector: Sector });
