import crypto from 'node:crypto';
import * as cookie from 'cookie';
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

export async function startSession(store: Store, res: Response, user: UserRecord, ttlHours: number, secure: boolean) {
  const token = newToken();
  const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
  await store.createSession({ tokenHash: hashToken(token), userId: user.id, expiresAt: expiresAt.toISOString() });
  res.cookie(sessionCookieName, token, { httpOnly: true, sameSite: 'lax', secure, expires: expiresAt, path: '/' });
}

export async function endSession(store: Store, req: Request, res: Response) {
  const token = readSessionToken(req.headers.cookie);
  if (token) await store.deleteSession(hashToken(token));
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
  return store.getUserById(session.userId);
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
