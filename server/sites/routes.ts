import crypto from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import {
  CreateInvitationBody,
  CreateSiteBody,
  type Member,
  type PendingInvitation,
  type SiteDetail,
  type SiteSummary,
} from '@shared/api/sites';
import { canInvite, canRemoveMember, roleLabels } from '@shared/roles';
import { signedInUser, hashToken, newToken } from '../auth/sessions';
import { HttpError, parse } from '../http/errors';
import { SiteParams } from '../http/params';
import type { Mailer } from '../mail/mailer';
import type { Store } from '../store';
import { timelineFor } from '../programme/timeline';
import { actorFor, allowOnAccount, allowOnSite, requireMembership } from './access';
import { abilitiesOf } from '@shared/policy';
import type { DomainEvents } from '../events/domain-events';

const MemberParams = SiteParams.extend({ userId: z.string().min(1).max(64) });

export interface SiteRouteDeps {
  store: Store;
  mailer: Mailer;
  events: DomainEvents;
  publicUrl: string;
  invitationTtlDays: number;
  limiter: RequestHandler;
}

function invitationLink(publicUrl: string, token: string): string {
  // The token travels in the fragment, which browsers never send to the server or its logs.
  return `${publicUrl}/invitation#${token}`;
}

export function siteRoutes(deps: SiteRouteDeps) {
  const { store } = deps;
  const router = Router();

  router.get('/sites', async (_req, res) => {
    const user = signedInUser(res);
    const memberships = await store.listUserMemberships(user.id);
    const sites: SiteSummary[] = [];
    for (const membership of memberships) {
      const site = await store.getSite(membership.siteId);
      if (!site) continue;
      const nextDeadline = membership.role === 'facilitator' ? (await timelineFor(store, site, { userId: user.id, role: 'facilitator' })).nextDeadline : undefined;
      sites.push({ id: site.id, name: site.name, myRole: membership.role, nextDeadline });
    }
    res.json(sites);
  });

  router.post('/sites', async (req, res) => {
    const user = signedInUser(res);
    allowOnAccount(user, 'create-site');
    const body = parse(CreateSiteBody, req.body);
    if (await store.getSiteByName(body.name)) {
      throw new HttpError(409, 'A site with this name already exists', { name: 'A site with this name already exists' });
    }
    const site = { id: crypto.randomUUID(), name: body.name, createdAt: new Date().toISOString() };
    await store.createSite(site);
    await store.putMembership({ siteId: site.id, userId: user.id, role: 'facilitator' });
    const summary: SiteSummary = { id: site.id, name: site.name, myRole: 'facilitator' };
    res.status(201).json(summary);
  });

  router.get('/sites/:siteId', async (req, res) => {
    const user = signedInUser(res);
    const { siteId } = parse(SiteParams, req.params);
    const membership = await requireMembership(store, user, siteId);
    const site = await store.getSite(siteId);
    if (!site) throw new HttpError(404, 'There is no such site');
    const members: Member[] = [];
    for (const m of await store.listSiteMembers(siteId)) {
      const memberUser = await store.getUserById(m.userId);
      if (memberUser) {
        members.push({
          userId: m.userId,
          name: memberUser.name,
          email: memberUser.email,
          role: m.role,
          organisation: memberUser.organisation,
          sector: memberUser.sector,
        });
      }
    }
    const invitations: PendingInvitation[] = (await store.listPendingInvitations(siteId, new Date().toISOString())).map(
      (i) => ({ id: i.id, email: i.email, role: i.role, expiresAt: i.expiresAt }),
    );
    const abilities = abilitiesOf(actorFor(user, membership), 'site');
    const detail: SiteDetail = { id: site.id, name: site.name, myRole: membership.role, abilities, members, invitations };
    res.json(detail);
  });

  router.post('/sites/:siteId/invitations', deps.limiter, async (req, res) => {
    const user = signedInUser(res);
    const { siteId } = parse(SiteParams, req.params);
    const membership = await allowOnSite(store, user, siteId, 'invite-people');
    const body = parse(CreateInvitationBody, req.body);
    if (!canInvite(membership.role, body.role)) {
      throw new HttpError(403, `A ${roleLabels[membership.role].toLowerCase()} cannot invite a ${roleLabels[body.role].toLowerCase()}`);
    }
    const site = await store.getSite(siteId);
    if (!site) throw new HttpError(404, 'There is no such site');
    const existing = await store.getUserByEmail(body.email);
    if (existing && (await store.getMembership(siteId, existing.id))) {
      throw new HttpError(409, 'This person is already a member of the site', { email: 'This person is already a member of the site' });
    }
    const token = newToken();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + deps.invitationTtlDays * 86400_000);
    const invitation = {
      id: crypto.randomUUID(),
      siteId,
      email: body.email,
      role: body.role,
      tokenHash: hashToken(token),
      invitedBy: user.id,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
      acceptedAt: null,
    };
    await store.createInvitation(invitation);
    await deps.mailer.send({
      to: body.email,
      subject: `Invitation to join ${site.name} on the Link Programme`,
      text: [
        `${user.name} has invited you to join ${site.name} on the Link Programme as ${roleLabels[body.role].toLowerCase()}.`,
        '',
        'Open this link to accept the invitation and set your password:',
        invitationLink(deps.publicUrl, token),
        '',
        `The link works once and expires on ${expiresAt.toUTCString()}.`,
        'If you were not expecting this email, you can ignore it.',
      ].join('\n'),
    });
    const pending: PendingInvitation = { id: invitation.id, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt };
    res.status(201).json(pending);
  });

  router.delete('/sites/:siteId/members/:userId', async (req, res) => {
    const user = signedInUser(res);
    const { siteId, userId } = parse(MemberParams, req.params);
    const membership = await allowOnSite(store, user, siteId, 'remove-people');
    const target = await store.getMembership(siteId, userId);
    if (!target) throw new HttpError(404, 'This person is not a member of the site');
    if (!canRemoveMember(membership.role, target.role)) throw new HttpError(403, 'You cannot remove this member');
    await store.removeMembership(siteId, userId);
    await deps.events.publish({ type: 'membership-ended', siteId, userId });
    res.status(204).end();
  });

  return router;
}
