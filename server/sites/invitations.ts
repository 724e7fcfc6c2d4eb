import crypto from 'node:crypto';
import { formatDateTime } from '@shared/format';
import type { PendingInvitation } from '@shared/api/sites';
import { addUkDays } from '@shared/dates';
import { canInvite, roleLabels, type SiteRole } from '@shared/roles';
import { hashToken, newToken } from '../auth/sessions';
import { HttpError } from '../http/errors';
import type { Mailer } from '../mail/mailer';
import type { Store } from '../store';
import type { InvitationRecord, UserRecord } from '../store/store';

const invitationLink = (publicUrl: string, token: string) => `${publicUrl}/invitation#${token}`;

/**
 * Invites people to a site by email, each with a single-use link that expires. Someone already a
 * member, or (unless sending again) already invited and not yet answered, is left out with the
 * reason; everyone else is invited. Refused as a whole if the inviter may not invite people of that role.
 */
export async function invitePeople(
  deps: { store: Store; mailer: Mailer; publicUrl: string; invitationTtlDays: number },
  inviter: { user: UserRecord; role: SiteRole },
  siteId: string,
  emails: readonly string[],
  role: SiteRole,
  options: { sendAgainToPending: boolean } = { sendAgainToPending: false },
): Promise<{ sent: PendingInvitation[]; skipped: { email: string; reason: string }[] }> {
  const { store } = deps;
  if (!canInvite(inviter.role, role)) throw new HttpError(403, `A ${roleLabels[inviter.role].toLowerCase()} cannot invite a ${roleLabels[role].toLowerCase()}`);
  const site = await store.getSite(siteId);
  if (!site) throw new HttpError(404, 'There is no such site');
  const now = new Date();
  const pending = new Set((await store.listPendingInvitations(siteId, now.toISOString())).map((i) => i.email));
  const sent: PendingInvitation[] = [];
  const skipped: { email: string; reason: string }[] = [];
  for (const email of emails) {
    const existing = await store.getUserByEmail(email);
    if (existing && (await store.getMembership(siteId, existing.id))) {
      skipped.push({ email, reason: 'This person is already a member of the site' });
      continue;
    }
    if (pending.has(email) && !options.sendAgainToPending) {
      skipped.push({ email, reason: 'This person has already been invited and has not answered yet' });
      continue;
    }
    const token = newToken();
    const expiresAt = new Date(addUkDays(now, deps.invitationTtlDays));
    const invitation: InvitationRecord = {
      id: crypto.randomUUID(),
      siteId,
      email,
      role,
      tokenHash: hashToken(token),
      invitedBy: inviter.user.id,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
      acceptedAt: null,
    };
    await store.createInvitation(invitation);
    await deps.mailer.send({
      to: email,
      subject: `Invitation to join ${site.name} on the Link Programme`,
      text: [
        `${inviter.user.name} has invited you to join ${site.name} on the Link Programme as ${roleLabels[role].toLowerCase()}.`,
        '',
        'Open this link to accept the invitation and set your password:',
        invitationLink(deps.publicUrl, token),
        '',
        `The link works once and expires on ${formatDateTime(expiresAt.toISOString())}.`,
        'If you were not expecting this email, you can ignore it.',
      ].join('\n'),
    });
    pending.add(email);
    sent.push({ id: invitation.id, email, role, expiresAt: invitation.expiresAt });
  }
  return { sent, skipped };
}

/**
 * Withdraws every invitation to the site still waiting for this address: accepting one spends
 * the others, and removing a member withdraws theirs, so an older unused link cannot bring a
 * removed person back.
 */
export async function withdrawPendingInvitations(store: Store, siteId: string, email: string): Promise<void> {
  for (const invitation of await store.listPendingInvitations(siteId, new Date().toISOString())) {
    if (invitation.email === email) await store.withdrawInvitation(siteId, invitation.id);
  }
}
