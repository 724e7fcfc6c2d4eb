import crypto from 'node:crypto';
import * as cookie from 'cookie';
import { addHours, differenceInMilliseconds } from 'date-fns';
import type { Request, RequestHandler, Response } from 'express';
import { HttpError } from '../http/errors';
import type { Store } from '../store';
import type { UserRecord } from '../store/store';

const sessionCookieName = 'lp_session';

export function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** Tokens are stored only as hashes, so a copy of the database cannot be used to sign in. */
export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('base64url');
}

export async function startSession(store: Store, req: Request, res: Response, user: UserRecord, ttlHours: number, secure: boolean) {
  const token = newToken();
  const now = new Date();
  const expiresAt = addHours(now, ttlHours);
  const userAgent = (req.headers['user-agent'] ?? '').slice(0, 300);
  await store.createSession({ tokenHash: hashToken(token), userId: user.id, expiresAt: expiresAt.toISOString(), createdAt: now.toISOString(), userAgent });
  await store.updateUser(user.id, { lastSignInAt: now.toISOString() });
  // A lifetime (Max-Age), not a moment (Expires): a browser whose clock disagrees with the
  // server's still keeps the cookie exactly as long as the session lasts.
  res.cookie(sessionCookieName, token, { httpOnly: true, sameSite: 'lax', secure, maxAge: differenceInMilliseconds(expiresAt, now), path: '/' });
}

/** The hash of the session the request was made in (to keep it when ending the others). */
export const currentSessionHash = (req: Request): string | null => sessionHashOf(req.headers.cookie);

/** The hash of the session a Cookie header carries (a request's or a websocket upgrade's). */
export function sessionHashOf(cookieHeader: string | undefined): string | null {
  const token = readSessionToken(cookieHeader);
  return token ? hashToken(token) : null;
}

/** Forgets the session cookie in this browser (the session itself is ended by endSessions). */
export function clearSessionCookie(res: Response) {
  res.clearCookie(sessionCookieName, { path: '/' });
}

function readSessionToken(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  return cookie.parse(cookieHeader)[sessionCookieName];
}

/** The signed-in user for a Cookie header, from a request or a websocket upgrade. */
export async function userFromCookieHeader(store: Store, cookieHeader: string | undefined): Promise<UserRecord | null> {
  const token = readSessionToken(cookieHeader);
  if (!token || token.length > 100) return null;
  const session = await store.getSession(hashToken(token));
  if (!session || session.expiresAt <= new Date().toISOString()) return null;
  const user = await store.getUserById(session.userId);
  // A deactivated account's sessions are ended at once; this also stops any that slipped through.
  return user && !user.deactivatedAt ? user : null;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      user?: UserRecord;
    }
  }
}

export function loadUser(store: Store): RequestHandler {
  return async (req, res, next) => {
    const user = await userFromCookieHeader(store, req.headers.cookie);
    if (user) res.locals.user = user;
    next();
  };
}

export function signedInUser(res: Response): UserRecord {
  const user = res.locals.user;
  if (!user) throw new HttpError(401, 'Sign in to continue');
  return user;
}
