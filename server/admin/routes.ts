import { Router } from 'express';
import { z } from 'zod';
import { InviteFacilitatorBody } from '@shared/api/account';
import type { DomainEvents } from '../events/domain-events';
import { HttpError, parse } from '../http/errors';
import type { Mailer } from '../mail/mailer';
import { signedInUser } from '../auth/sessions';
import { allowOnAccount } from '../sites/access';
import type { Store } from '../store';
import { createFacilitator, deactivateAccount, toAccountSummary } from './accounts';
import { recentAudit, recordAudit } from './audit';
import { eraseAccount } from './erasure';
import { recordErasure } from './erasure-ledger';
import type { Cluster } from '../cluster';
import type { DocRegistry } from '../collab/doc-registry';

const AccountParams = z.object({ userId: z.string().min(1).max(100) });

/** The administration area: accounts, inviting facilitators, deactivating, the audit log. */
export function adminRoutes(deps: { store: Store; mailer: Mailer; events: DomainEvents; registry: DocRegistry; cluster: Cluster; publicUrl: string; dataDir: string }) {
  const { store } = deps;
  const router = Router();

  router.get('/admin/accounts', async (_req, res) => {
    allowOnAccount(signedInUser(res), 'administer');
    res.json((await store.listUsers()).map(toAccountSummary));
  });

  router.post('/admin/facilitators', async (req, res) => {
    const admin = signedInUser(res);
    allowOnAccount(admin, 'administer');
    const body = parse(InviteFacilitatorBody, req.body);
    const { user, link } = await createFacilitator(store, deps.publicUrl, body);
    await deps.mailer.send({
      to: user.email,
      subject: 'You are invited to facilitate the Link Programme',
      text: `Dear ${user.name},\n\n${admin.name} has given you a facilitator's account on the Link Programme tool. Set your password with this link within a week:\n\n${link}\n\nThen you can create sites and run their meetings.\n\nLink Programme`,
    });
    await recordAudit(store, { actor: admin.name, action: 'facilitator-invited', subject: user.email });
    res.status(201).json(toAccountSummary(user));
  });

  router.post('/admin/accounts/:userId/deactivate', async (req, res) => {
    const admin = signedInUser(res);
    allowOnAccount(admin, 'administer');
    const user = await deactivateAccount(store, deps.events, parse(AccountParams, req.params).userId, admin.id);
    await recordAudit(store, { actor: admin.name, action: 'account-deactivated', subject: user.email });
    res.json(toAccountSummary(user));
  });

  router.post('/admin/accounts/:userId/erase', async (req, res) => {
    const admin = signedInUser(res);
    allowOnAccount(admin, 'administer');
    const { userId } = parse(AccountParams, req.params);
    const user = await store.getUserById(userId);
    if (!user) throw new HttpError(404, 'There is no such account');
    if (userId === admin.id) throw new HttpError(422, 'You cannot erase your own account');
    // In the ledger first: a restore of an older backup, or a crash half-way, is erased again at the next start.
    recordErasure(deps.dataDir, userId);
    await eraseAccount(deps, userId, admin.id);
    // The log says which account, never whose: that would undo the erasure.
    await recordAudit(store, { actor: admin.name, action: 'account-erased', subject: `Account ${userId.slice(0, 8)}` });
    res.status(204).end();
  });

  router.get('/admin/audit', async (_req, res) => {
    allowOnAccount(signedInUser(res), 'administer');
    res.json(await recentAudit(store));
  });

  return router;
}
