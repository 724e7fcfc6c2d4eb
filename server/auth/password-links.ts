import { addDays, addHours } from 'date-fns';
import { z } from 'zod';
import { HttpError } from '../http/errors';
import type { Store } from '../store';
import { updateVersioned } from '../store/versioned';
import { hashToken, newToken } from './sessions';

/**
 * Links that let someone set their password: a reset asked for from the sign-in page (valid for
 * an hour), or the welcome of a new facilitator (a week). Single use even when opened twice at
 * once (compare-and-set on the link's record); only the token's hash is stored.
 */
const LinkPurpose = z.enum(['reset', 'welcome']);
type LinkPurpose = z.infer<typeof LinkPurpose>;
const PasswordLink = z.object({
  version: z.number().int().nonnegative(),
  userId: z.string(),
  purpose: LinkPurpose,
  expiresAt: z.string(),
  usedAt: z.string().nullable(),
});
type PasswordLink = z.infer<typeof PasswordLink>;

const noLink = (): PasswordLink => ({ version: 0, userId: '', purpose: 'reset', expiresAt: '', usedAt: null });
const lifetime: Record<LinkPurpose, (from: Date) => Date> = { reset: (from) => addHours(from, 1), welcome: (from) => addDays(from, 7) };
const unusableLink = 'This link has expired or has already been used. Ask for a new one from the sign-in page.';

/** Makes a link for the person and returns its address (the token travels after `#`, never to logs). */
export async function createPasswordLink(store: Store, publicUrl: string, userId: string, purpose: LinkPurpose): Promise<string> {
  const token = newToken();
  const expiresAt = lifetime[purpose](new Date()).toISOString();
  await updateVersioned(store, 'password-link', hashToken(token), noLink, () => ({ ok: true, value: { version: 1, userId, purpose, expiresAt, usedAt: null } }), PasswordLink);
  return `${publicUrl}/set-password#${token}`;
}

/** Uses the link up and says whose it was; a 410 when it is unknown, used or expired. */
export async function usePasswordLink(store: Store, token: string): Promise<{ userId: string; purpose: LinkPurpose }> {
  const now = new Date().toISOString();
  const used = await updateVersioned(
    store,
    'password-link',
    hashToken(token),
    noLink,
    (link) => {
      if (link.version === 0 || link.usedAt || link.expiresAt <= now) throw new HttpError(410, unusableLink);
      return { ok: true, value: { ...link, version: link.version + 1, usedAt: now } };
    },
    PasswordLink,
  );
  return { userId: used.userId, purpose: used.purpose };
}
