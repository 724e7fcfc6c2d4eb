import { addDays, addHours } from 'date-fns';
import { z } from 'zod';
import { HttpError } from '../http/errors';
import type { Store } from '../store';
import { readVersioned, updateVersioned } from '../store/versioned';
import { hashToken, newToken } from './sessions';

/**
 * Links that let someone set their password: a reset asked for from the sign-in page (valid for
 * an hour), or the welcome of a new facilitator (a week). Single use even when opened twice at
 * once (compare-and-set on the link's record); only the token's hash is stored.
 *
 * Each link belongs to its person's current generation of links. Using one, or changing the
 * password, starts the next generation, so every other link that person still has stops working:
 * an older reset mail or a second welcome cannot change the password again.
 */
const LinkPurpose = z.enum(['reset', 'welcome']);
type LinkPurpose = z.infer<typeof LinkPurpose>;
const PasswordLink = z.object({
  version: z.number().int().nonnegative(),
  userId: z.string(),
  purpose: LinkPurpose,
  expiresAt: z.string(),
  usedAt: z.string().nullable(),
  /** Links stored before generations existed are of the first. */
  generation: z.number().int().nonnegative().default(0),
});
type PasswordLink = z.infer<typeof PasswordLink>;

/** A person's generation of password links: only links of the current one work. */
const LinkGeneration = z.object({ version: z.number().int().nonnegative(), generation: z.number().int().nonnegative() });
type LinkGeneration = z.infer<typeof LinkGeneration>;
const firstGeneration = (): LinkGeneration => ({ version: 0, generation: 0 });

const noLink = (): PasswordLink => ({ version: 0, userId: '', purpose: 'reset', expiresAt: '', usedAt: null, generation: 0 });
const lifetime: Record<LinkPurpose, (from: Date) => Date> = { reset: (from) => addHours(from, 1), welcome: (from) => addDays(from, 7) };
const unusableLink = 'This link has expired or has already been used. Ask for a new one from the sign-in page.';

/** Makes a link for the person and returns its address (the token travels after `#`, never to logs). */
export async function createPasswordLink(store: Store, publicUrl: string, userId: string, purpose: LinkPurpose): Promise<string> {
  const token = newToken();
  const expiresAt = lifetime[purpose](new Date()).toISOString();
  const { generation } = await readVersioned(store, 'password-link-generation', userId, firstGeneration, LinkGeneration);
  await updateVersioned(store, 'password-link', hashToken(token), noLink, () => ({ ok: true, value: { version: 1, userId, purpose, expiresAt, usedAt: null, generation } }), PasswordLink);
  return `${publicUrl}/set-password#${token}`;
}

/** Voids every password link the person has not used yet (their password has just changed). */
export async function voidPasswordLinks(store: Store, userId: string): Promise<void> {
  await updateVersioned(store, 'password-link-generation', userId, firstGeneration, (current) => ({ ok: true, value: { version: current.version + 1, generation: current.generation + 1 } }), LinkGeneration);
}

/**
 * Uses the link up and says whose it was; a 410 when it is unknown, used, expired or superseded.
 * The person's generation moves on in one compare-and-set that requires the link's own, so of
 * two of their links used at the same moment only one works.
 */
export async function usePasswordLink(store: Store, token: string): Promise<{ userId: string; purpose: LinkPurpose }> {
  const now = new Date().toISOString();
  const link = await readVersioned(store, 'password-link', hashToken(token), noLink, PasswordLink);
  if (link.version === 0 || link.usedAt || link.expiresAt <= now) throw new HttpError(410, unusableLink);
  await updateVersioned(
    store,
    'password-link-generation',
    link.userId,
    firstGeneration,
    (current) => {
      if (current.generation !== link.generation) throw new HttpError(410, unusableLink);
      return { ok: true, value: { version: current.version + 1, generation: current.generation + 1 } };
    },
    LinkGeneration,
  );
  const used = await updateVersioned(
    store,
    'password-link',
    hashToken(token),
    noLink,
    (stored) => {
      if (stored.usedAt) throw new HttpError(410, unusableLink);
      return { ok: true, value: { ...stored, version: stored.version + 1, usedAt: now } };
    },
    PasswordLink,
  );
  return { userId: used.userId, purpose: used.purpose };
}
