import express, { Router, type RequestHandler, type Response } from 'express';
import { LoginBody } from '@shared/api/auth';
import { fieldErrors } from '@shared/api/errors';
import { safeReturnPath } from '@shared/api/return-path';
import { errorList, type ErrorItem } from '../../client/src/components/forms';
import { SignInPage } from '../../client/src/pages/plain/SignInPage';
import { chunkFiles, type BuildManifest } from '../http/build-manifest';
import { HttpError } from '../http/errors';
import { plainPageAssets } from '../http/plain-page-assets';
import { plainProblemPage, sendPlainPage } from '../http/plain-pages';
import { countAgainst, ownPagesOnly } from '../http/security';
import type { Logger } from '../log';
import type { Store } from '../store';
import { checkCredentials } from './routes';
import { signOut } from './session-connections';
import { startSession, userFromCookieHeader } from './sessions';
import type { DomainEvents } from '../events/domain-events';

interface Deps {
  store: Store;
  events: DomainEvents;
  sessionTtlHours: number;
  secureCookies: boolean;
  /** Counts failed sign-ins per address, shared with the JSON sign-in. */
  limiter: RequestHandler;
  publicUrl: string;
  manifest: BuildManifest;
  log: Logger;
}

/** The app's own files, which the browser fetches while someone types, so the next page is quick. */
const appFiles = (manifest: BuildManifest) => [...chunkFiles(manifest, 'index.html'), ...(manifest['index.html']?.css ?? [])].map((file) => `/${file}`);

/**
 * Signing in as a plain HTML form made by the server: ready as soon as its few kilobytes arrive
 * (the app's code is fetched in the background meanwhile), and usable with JavaScript turned off.
 * A successful post sets the session cookie and redirects to where the person was going.
 */
export function signInPageRoutes(deps: Deps) {
  const { store } = deps;
  const router = Router();
  const assets = plainPageAssets(deps.manifest);
  const prefetch = appFiles(deps.manifest);
  const formBody = express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 10 });

  const page = (res: Response, status: number, form: { email: string; errors: ErrorItem[]; returnTo: string }) =>
    sendPlainPage(res, { status, title: 'Sign in', hasErrors: form.errors.length > 0, assets, prefetch }, <SignInPage {...form} />);

  router.get('/sign-in', async (req, res) => {
    const returnTo = safeReturnPath(req.query.returnTo);
    if (await userFromCookieHeader(store, req.headers.cookie)) return res.redirect(303, returnTo);
    page(res, 200, { email: '', errors: [], returnTo });
  });

  router.post('/sign-in', formBody, ownPagesOnly(deps.publicUrl, 'You can only sign in from this service’s own sign-in page.'), async (req, res) => {
    const returnTo = safeReturnPath(req.query.returnTo);
    const form = (req.body ?? {}) as Record<string, unknown>;
    const email = typeof form.email === 'string' ? form.email.trim().slice(0, 320) : '';
    const parsed = LoginBody.safeParse({ email, password: form.password });
    if (!parsed.success) return page(res, 400, { email, errors: errorList(fieldErrors(parsed.error), ['email', 'password']), returnTo });
    try {
      await countAgainst(deps.limiter, req, res);
      const user = await checkCredentials(store, parsed.data);
      await startSession(store, req, res, user, deps.sessionTtlHours, deps.secureCookies);
    } catch (error) {
      if (error instanceof HttpError && error.status < 500) return page(res, error.status, { email, errors: [{ field: error.status === 429 ? '' : 'email', message: error.message }], returnTo });
      throw error;
    }
    res.redirect(303, returnTo);
  });

  // Signing out from a page the server drew, before the app's code has loaded to do it by API.
  router.post('/sign-out', formBody, ownPagesOnly(deps.publicUrl, 'You can only sign out from this service’s own pages.'), async (req, res) => {
    res.locals.user = (await userFromCookieHeader(store, req.headers.cookie)) ?? undefined;
    await signOut(store, deps.events, req, res);
    res.redirect(303, '/sign-in');
  });

  const problemPage = plainProblemPage(assets, deps.log, {
    unreadable: 'What was sent could not be read. Go back and try again.',
    unavailable: 'You could not be signed in just now. Try again in a few minutes.',
    unexpected: 'Something went wrong on our side. Try again later.',
  });
  router.use(['/sign-in', '/sign-out'], problemPage);
  return router;
}
