import crypto from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import { AcceptInvitationBody, InvitationLookupBody, NewAccountDetails, type InvitationPreview } from '@shared/api/sites';
import { toMe } from '../auth/routes';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { hashToken, startSession } from '../auth/sessions';
import { HttpError, parse } from '../http/errors';
import type { Store } from '../store';
import type { InvitationRecord } from '../store/store';
import { UserRecord } from '../store/records';
import { withdrawPendingInvitations } from './invitations';

async function usableInvitation(store: Store, token: string): Promise<InvitationRecord> {
  const invitation = await store.getInvitationByTokenHash(hashToken(token));
  if (!invitation) throw new HttpError(404, 'This invitation link is not valid. Ask the person who invited you for a new one.');
  if (invitation.acceptedAt) throw new HttpError(410, 'This invitation has already been used. Sign in instead.');
  if (invitation.expiresAt <= new Date().toISOString()) {
    throw new HttpError(410, 'This invitation has expired. Ask the person who invited you for a new one.');
  }
  return invitation;
}

export function invitationRoutes(deps: { store: Store; sessionTtlHours: number; secureCookies: boolean; limiter: RequestHandler }) {
  const { store } = deps;
  const router = Router();

  router.post('/invitations/lookup', deps.limiter, async (req, res) => {
    const { token } = parse(InvitationLookupBody, req.body);
    const invitation = await usableInvitation(store, token);
    const site = await store.getSite(invitation.siteId);
    const preview: InvitationPreview = {
      siteName: site?.name ?? '',
      email: invitation.email,
      role: invitation.role,
      hasAccount: Boolean(await store.getUserByEmail(invitation.email)),
    };
    res.json(preview);
  });

  router.post('/invitations/accept', deps.limiter, async (req, res) => {
    const body = parse(AcceptInvitationBody, req.body);
    const invitation = await usableInvitation(store, body.token);
    let user: UserRecord | null = await store.getUserByEmail(invitation.email);
    // Someone who already has an account proves it with their password rather than resetting it.
    if (user && !(await verifyPassword(body.password, user.passwordHash))) {
      throw new HttpError(401, 'Enter the password of your existing account', { password: 'Enter the password of your existing account' });
    }
    const newAccount = user ? null : parse(NewAccountDetails, body);
    if (!(await store.consumeInvitation(invitation.id, new Date().toISOString()))) {
      throw new HttpError(410, 'This invitation has already been used. Sign in instead.');
    }
    if (!user) {
      user = UserRecord.parse({
        id: crypto.randomUUID(),
        email: invitation.email,
        name: newAccount!.name,
        passwordHash: await hashPassword(newAccount!.password),
        // A new account joining as a facilitator is one (only facilitators invite facilitators).
        isFacilitator: invitation.role === 'facilitator',
        organisation: newAccount!.organisation,
        sector: newAccount!.sector,
        createdAt: new Date().toISOString(),
      });
      await store.createUser(user);
    }
    await withdrawPendingInvitations(store, invitation.siteId, invitation.email);
    const existing = await store.getMembership(invitation.siteId, user.id);
    if (!existing) await store.putMembership({ siteId: invitation.siteId, userId: user.id, role: invitation.role });
    await startSession(store, req, res, user, deps.sessionTtlHours, deps.secureCookies);
    res.json({ me: toMe(user), siteId: invitation.siteId });
  });

  return router;
}
