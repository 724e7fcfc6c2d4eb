import { Router } from 'express';
import { ChangePasswordBody, ProfileBody, type SessionSummary } from '@shared/api/account';
import { rememberFormerName } from '../admin/names-used';
import { HttpError, parse } from '../http/errors';
import type { Store } from '../store';
import { hashPassword, verifyPassword } from './passwords';
import { toMe } from './routes';
import type { DomainEvents } from '../events/domain-events';
import { voidPasswordLinks } from './password-links';
import { endSessions } from './session-connections';
import { clearSessionCookie, currentSessionHash, signedInUser } from './sessions';

/** A short name for the browser a session was started in, from its User-Agent header. */
export function browserName(userAgent: string): string {
  const browser = /Edg\//.test(userAgent) ? 'Edge' : /Firefox\//.test(userAgent) ? 'Firefox' : /Chrom(e|ium)\//.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari' : 'A browser';
  const system = /Windows/.test(userAgent) ? 'Windows' : /iPhone|iPad/.test(userAgent) ? 'iPhone or iPad' : /Android/.test(userAgent) ? 'Android' : /Mac OS X/.test(userAgent) ? 'Mac' : /Linux/.test(userAgent) ? 'Linux' : null;
  return system ? `${browser} on ${system}` : browser;
}

/** Your own account: your details, your password and where you are signed in. */
export function accountRoutes(deps: { store: Store; events: DomainEvents }) {
  const { store } = deps;
  const router = Router();

  router.patch('/me', async (req, res) => {
    const user = signedInUser(res);
    const body = parse(ProfileBody, req.body);
    if (body.name.trim() !== user.name.trim()) await rememberFormerName(store, user.id, user.name);
    await store.updateUser(user.id, body);
    res.json(toMe({ ...user, ...body }));
  });

  router.post('/me/password', async (req, res) => {
    const user = signedInUser(res);
    const body = parse(ChangePasswordBody, req.body);
    if (!(await verifyPassword(body.currentPassword, user.passwordHash))) {
      throw new HttpError(422, 'Your current password is not right', { currentPassword: 'Your current password is not right' });
    }
    await store.updateUser(user.id, { passwordHash: await hashPassword(body.newPassword) });
    // A reset or welcome link sent before the change must not change it back.
    await voidPasswordLinks(store, user.id);
    // Every other session ends: someone who knew the old password is signed out.
    await endSessions(store, deps.events, { userId: user.id, only: null, except: currentSessionHash(req), reason: 'password-changed' });
    res.status(204).end();
  });

  router.get('/me/sessions', async (req, res) => {
    const user = signedInUser(res);
    const current = currentSessionHash(req);
    const sessions: SessionSummary[] = (await store.listUserSessions(user.id, new Date().toISOString())).map((s) => ({
      createdAt: s.createdAt,
      expiresAt: s.expiresAt,
      browser: browserName(s.userAgent),
      current: s.tokenHash === current,
    }));
    res.json(sessions);
  });

  router.post('/me/sign-out-everywhere', async (req, res) => {
    const user = signedInUser(res);
    await endSessions(store, deps.events, { userId: user.id, only: null, except: null, reason: 'signed-out-everywhere' });
    clearSessionCookie(res);
    res.status(204).end();
  });

  return router;
}
