import crypto from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import {
  CreateInvitationBody,
  CreateInvitationsBody,
  CreateSiteBody,
  type BulkInvitationOutcome,
  type Member,
  type PendingInvitation,
  type SiteDetail,
  type SiteSummary,
} from '@shared/api/sites';
import { canRemoveMember } from '@shared/roles';
import { signedInUser } from '../auth/sessions';
import { HttpError, parse } from '../http/errors';
import { SiteParams } from '../http/params';
import type { Mailer } from '../mail/mailer';
import type { Store } from '../store';
import { actorFor, allowOnAccount, allowOnSite, requireMembership } from './access';
import { invitePeople, withdrawPendingInvitations } from './invitations';
import { siteSummariesFor } from './summaries';
import { abilitiesOf } from '@shared/policy';
import type { DomainEvents } from '../events/domain-events';

const MemberParams = SiteParams.extend({ userId: z.string().min(1).max(64) });
const InvitationParams = SiteParams.extend({ invitationId: z.string().min(1).max(64) });

export interface SiteRouteDeps {
  store: Store;
  mailer: Mailer;
  events: DomainEvents;
  publicUrl: string;
  invitationTtlDays: number;
  limiter: RequestHandler;
}


export function siteRoutes(deps: SiteRouteDeps) {
  const { store } = deps;
  const router = Router();

  router.get('/sites', async (_req, res) => {
    res.json(await siteSummariesFor(store, signedInUser(res)));
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
    // Inviting someone again sends a new link (the earlier one still works until it expires or one is accepted).
    const outcome = await invitePeople(deps, { user, role: membership.role }, siteId, [body.email], body.role, { sendAgainToPending: true });
    if (outcome.skipped.length) throw new HttpError(409, outcome.skipped[0]!.reason, { email: outcome.skipped[0]!.reason });
    res.status(201).json(outcome.sent[0]);
  });

  // Several people at once, from a pasted list or the rows of a spreadsheet.
  router.post('/sites/:siteId/invitations/bulk', deps.limiter, async (req, res) => {
    const user = signedInUser(res);
    const { siteId } = parse(SiteParams, req.params);
    const membership = await allowOnSite(store, user, siteId, 'invite-people');
    const body = parse(CreateInvitationsBody, req.body);
    const outcome: BulkInvitationOutcome = await invitePeople(deps, { user, role: membership.role }, siteId, body.emails, body.role);
    res.status(201).json(outcome);
  });

  router.delete('/sites/:siteId/invitations/:invitationId', async (req, res) => {
    const { siteId, invitationId } = parse(InvitationParams, req.params);
    await allowOnSite(store, signedInUser(res), siteId, 'invite-people');
    if (!(await store.withdrawInvitation(siteId, invitationId))) throw new HttpError(404, 'There is no such invitation waiting: it may have been accepted or withdrawn already');
    res.status(204).end();
  });

  router.delete('/sites/:siteId/members/:userId', async (req, res) => {
    const user = signedInUser(res);
    const { siteId, userId } = parse(MemberParams, req.params);
    const membership = await allowOnSite(store, user, siteId, 'remove-people');
    const target = await store.getMembership(siteId, userId);
    if (!target) throw new HttpError(404, 'This person is not a member of the site');
    if (!canRemoveMember(membership.role, target.role)) throw new HttpError(403, 'You cannot remove this member');
    // Their unused invitations go first, so none of them can let them back in.
    const removed = await store.getUserById(userId);
    if (removed) await withdrawPendingInvitations(store, siteId, removed.email);
    await store.removeMembership(siteId, userId);
    await deps.events.publish({ type: 'membership-ended', siteId, userId });
    res.status(204).end();
  });

  return router;
}
