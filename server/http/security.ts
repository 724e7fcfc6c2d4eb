import type { Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { rateLimit, type Store as RateLimitStore } from 'express-rate-limit';
import { HttpError } from './errors';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True when a browser's Origin header names us (or there is none, as from curl or server-side tools). */
export function isOwnOrigin(origin: string | undefined, host: string | undefined, publicUrl: string): boolean {
  if (!origin) return true;
  if (origin === new URL(publicUrl).origin) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * State-changing requests must be JSON from our own origin. JSON cannot be sent cross-site
 * without a CORS preflight we never grant, so with SameSite cookies this stops CSRF.
 */
export function sameOriginJson(publicUrl: string): RequestHandler {
  return (req, _res, next) => {
    if (safeMethods.has(req.method)) return next();
    if (!isOwnOrigin(req.headers.origin, req.headers.host, publicUrl)) {
      return next(new HttpError(403, 'Requests from other websites are not accepted'));
    }
    if (!req.is('application/json')) {
      return next(new HttpError(415, 'Send the request as JSON (Content-Type: application/json)'));
    }
    next();
  };
}

/** Form posts (the plain pages) from our own pages only; `refusal` says so in the page's words. */
export function ownPagesOnly(publicUrl: string, refusal: string): RequestHandler {
  return (req, _res, next) => next(isOwnOrigin(req.headers.origin, req.headers.host, publicUrl) ? undefined : new HttpError(403, refusal));
}

/**
 * Runs a rate limiter inside a handler, for pages where only some posts count (a code checked,
 * answers sent, a sign-in tried); its refusal is thrown, for the page to show in its own way.
 */
export const countAgainst = (limiter: RequestHandler, req: Request, res: Response) =>
  new Promise<void>((resolve, reject) => limiter(req, res, (error?: unknown) => (error ? reject(error) : resolve())));

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'connect-src': ["'self'", 'ws:', 'wss:'],
        'img-src': ["'self'", 'data:'],
        'style-src': ["'self'"],
        'script-src': ["'self'"],
        'font-src': ["'self'", 'data:'],
        'upgrade-insecure-requests': null,
      },
    },
  });
}

/** Slows down password guessing and invitation-token guessing per client address. */
export function authRateLimit(limit: number, store?: RateLimitStore): RequestHandler {
  return rateLimit({
    ...(store ? { store } : {}),
    windowMs: 15 * 60 * 1000,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Count only failures: guessing is what we slow down, not a busy office behind one address.
    skipSuccessfulRequests: true,
    // Passed on as an error, so the JSON API and the sign-in page each answer in their own way.
    handler: (_req, _res, next) => next(new HttpError(429, 'Too many attempts. Wait 15 minutes and try again.')),
  });
}

/**
 * Asking for a password link: every request counts (they all answer alike), per address and per
 * email asked about, so nobody can fill someone's inbox with links.
 */
export function passwordLinkRateLimits(limitPerAddress: number, storeFor: (name: string) => RateLimitStore | undefined): RequestHandler[] {
  const common = { windowMs: 15 * 60 * 1000, standardHeaders: 'draft-8' as const, legacyHeaders: false, message: { error: 'Too many requests for a link. Wait 15 minutes and try again.' } };
  const perAddress = storeFor('password-link-address');
  const perEmail = storeFor('password-link-email');
  return [
    rateLimit({ ...common, ...(perAddress ? { store: perAddress } : {}), limit: limitPerAddress }),
    rateLimit({
      ...common,
      ...(perEmail ? { store: perEmail } : {}),
      limit: 5,
      keyGenerator: (req) => `email:${String((req.body as { email?: unknown } | undefined)?.email ?? '').trim().toLowerCase()}`,
    }),
  ];
}

/** Public survey submissions: generous, but a script cannot flood a survey from one address. */
export function submissionRateLimit(limit: number, store?: RateLimitStore): RequestHandler {
  return rateLimit({
    ...(store ? { store } : {}),
    windowMs: 15 * 60 * 1000,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Passed on as an error, so the JSON API and the survey's HTML pages each answer in their own way.
    handler: (_req, _res, next) => next(new HttpError(429, 'Too many surveys sent from this connection. Wait 15 minutes and try again.')),
  });
}
