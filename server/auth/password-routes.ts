import { Router, type RequestHandler } from 'express';
import { ForgottenPasswordBody, SetPasswordBody } from '@shared/api/account';
import { parse } from '../http/errors';
import type { Logger } from '../log';
import { AfterAnswering } from '../mail/background';
import type { Mailer } from '../mail/mailer';
import type { Store } from '../store';
import { createPasswordLink, usePasswordLink } from './password-links';
import { hashPassword } from './passwords';
import { refuseIfClosed, toMe } from './routes';
import { endSessions } from './session-connections';
import { startSession } from './sessions';
import type { DomainEvents } from '../events/domain-events';

/** The same words whether or not there is an account, so the page cannot be used to find out. */
const resetRequested = 'If there is an account for that email address, we have sent it a link to set a new password. The link works once, for an hour.';

/** "Forgotten your password?": a link by email, then a new password, and every old session ended. */
export function passwordRoutes(deps: { store: Store; events: DomainEvents; mailer: Mailer; publicUrl: string; sessionTtlHours: number; secureCookies: boolean; limiter: RequestHandler; linkLimiters: RequestHandler[]; log: Logger }) {
  const { store } = deps;
  const router = Router();

  const background = new AfterAnswering(deps.mailer, deps.log);

  // Answered before anything is looked up or sent: the same answer, as quickly, whether or not
  // there is an account and whether or not the mail server is up. The link is made and mailed
  // afterwards, and the mail tried again if it fails.
  router.post('/auth/forgotten-password', ...deps.linkLimiters, async (req, res) => {
    const { email } = parse(ForgottenPasswordBody, req.body);
    res.status(202).json({ message: resetRequested });
    background.later('password reset', async () => {
      const user = await store.getUserByEmail(email);
      if (!user || user.deactivatedAt) return;
      const link = await createPasswordLink(store, deps.publicUrl, user.id, 'reset');
      background.send('password reset', {
        to: user.email,
        subject: 'Set a new password for the Link Programme',
        text: `Dear ${user.name},\n\nSomeone (we hope you) asked to set a new password for your Link Programme account. Use this link within an hour:\n\n${link}\n\nIf it was not you, you can ignore this email: your password has not changed.\n\nLink Programme`,
      });
    });
  });

  router.post('/auth/set-password', deps.limiter, async (req, res) => {
    const body = parse(SetPasswordBody, req.body);
    const passwordHash = await hashPassword(body.password);
    const { userId } = await usePasswordLink(store, body.token);
    const user = (await store.getUserById(userId))!;
    refuseIfClosed(user);
    await store.updateUser(userId, { passwordHash });
    // Whoever knew the old password is signed out everywhere.
    await endSessions(store, deps.events, { userId, only: null, except: null, reason: 'password-set-from-link' });
    await startSession(store, req, res, user, deps.sessionTtlHours, deps.secureCookies);
    deps.log.info({ userId }, 'password set from an emailed link');
    res.json(toMe(user));
  });

  return router;
}
