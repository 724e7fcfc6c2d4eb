import { abilitiesOf } from '@shared/policy';
import { actorFor } from '../sites/access';
import { Router } from 'express';
import { LoginBody, type Me } from '@shared/api/auth';
import { HttpError, parse } from '../http/errors';
import type { Store } from '../store';
import type { UserRecord } from '../store/store';
import { unmatchableHash, verifyPassword } from './passwords';
import { signOut } from './session-connections';
import { signedInUser, startSession } from './sessions';
import type { DomainEvents } from '../events/domain-events';

export function toMe(user: UserRecord): Me {
  const abilities = abilitiesOf(actorFor(user, null), 'account');
  return { id: user.id, email: user.email, name: user.name, organisation: user.organisation, ...(user.isFacilitator ? { role: 'facilitator' as const } : {}), abilities };
}

/** A deactivated (or erased) account signs in by no route: password or emailed link. */
export function refuseIfClosed(user: UserRecord): void {
  if (user.deactivatedAt) throw new HttpError(403, 'This account has been closed. Ask a facilitator if you need it again.');
}

/** The account these credentials open, or a 401 that does not say which of the two was wrong (403 for a closed account). */
export async function checkCredentials(store: Store, body: LoginBody): Promise<UserRecord> {
  const user = await store.getUserByEmail(body.email);
  // An unknown address costs the same time as a wrong password.
  const matches = await verifyPassword(body.password, user?.passwordHash ?? unmatchableHash);
  if (!user || !matches) throw new HttpError(401, 'Enter a correct email address and password');
  refuseIfClosed(user);
  return user;
}

export function authRoutes(deps: { store: Store; events: DomainEvents; sessionTtlHours: number; secureCookies: boolean; limiter: import('express').RequestHandler }) {
  const { store } = deps;
  const router = Router();

  router.post('/auth/login', deps.limiter, async (req, res) => {
    const user = await checkCredentials(store, parse(LoginBody, req.body));
    await startSession(store, req, res, user, deps.sessionTtlHours, deps.secureCookies);
    res.json(toMe(user));
  });

  router.post('/auth/logout', async (req, res) => {
    await signOut(store, deps.events, req, res);
    res.status(204).end();
  });

  router.get('/me', (_req, res) => {
    res.json(toMe(signedInUser(res)));
  });

  return router;
}
