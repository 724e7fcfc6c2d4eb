import { z } from 'zod';
import { OrganisationName } from '../organisations';
import { Email, NewPassword, PersonName } from './auth';

/**
 * The bodies and answers of the account pages (your details, password, sessions), the
 * forgotten-password journey and the administration area.
 */

export const ForgottenPasswordBody = z.object({ email: Email });
export type ForgottenPasswordBody = z.infer<typeof ForgottenPasswordBody>;

/** A link's token comes from the page's address (after `#`); the new password from the form. */
export const SetPasswordBody = z.object({
  token: z.string({ error: 'This link is not complete' }).min(20, 'This link is not complete').max(100, 'This link is not complete'),
  password: NewPassword,
});
export type SetPasswordBody = z.infer<typeof SetPasswordBody>;

export const ProfileBody = z.object({ name: PersonName, organisation: OrganisationName });
export type ProfileBody = z.infer<typeof ProfileBody>;

export const ChangePasswordBody = z.object({
  currentPassword: z.string({ error: 'Enter your current password' }).min(1, 'Enter your current password').max(200),
  newPassword: NewPassword,
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

export const SessionSummary = z.object({ createdAt: z.string(), expiresAt: z.string(), browser: z.string(), current: z.boolean() });
export type SessionSummary = z.infer<typeof SessionSummary>;

/** A new facilitator: the organisation is optional here (they can add it on their account page), but shown beside their name when given. */
export const InviteFacilitatorBody = z.object({ email: Email, name: PersonName, organisation: OrganisationName.optional() });
export type InviteFacilitatorBody = z.infer<typeof InviteFacilitatorBody>;

export const AccountSummary = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  organisation: z.string(),
  facilitator: z.boolean(),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
  deactivatedAt: z.string().nullable(),
});
export type AccountSummary = z.infer<typeof AccountSummary>;

export const AuditAction = z.enum(['facilitator-invited', 'facilitator-created-by-command', 'account-deactivated', 'account-erased', 'retention-deleted', 'survey-links-approved']);
export type AuditAction = z.infer<typeof AuditAction>;
export const auditActionLabels: Record<AuditAction, string> = {
  'facilitator-invited': 'Invited a facilitator',
  'facilitator-created-by-command': 'Created a facilitator from the command line',
  'account-deactivated': 'Deactivated an account',
  'account-erased': 'Erased a person’s data',
  'retention-deleted': 'Deleted answers past their retention period',
  'survey-links-approved': 'Approved a list of schools to be sent survey links',
};

/** One administrative action: who did what to whom, and when. */
export const AuditEntry = z.object({ at: z.string(), actor: z.string(), action: AuditAction, subject: z.string() });
export type AuditEntry = z.infer<typeof AuditEntry>;
