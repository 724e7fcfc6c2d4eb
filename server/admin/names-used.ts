import { z } from 'zod';
import type { Store } from '../store';
import { readVersioned, updateVersioned } from '../store/versioned';

/**
 * Every name a person has gone by here before their current one. Notes, goals and logs keep the
 * name they were written under, so erasing someone must look for the old names as well.
 */
const NamesUsed = z.object({ version: z.number().int().nonnegative(), names: z.array(z.string()) });
type NamesUsed = z.infer<typeof NamesUsed>;
const none = (): NamesUsed => ({ version: 0, names: [] });

export async function rememberFormerName(store: Store, userId: string, name: string): Promise<void> {
  await updateVersioned(store, 'names-used', userId, none, (record) => ({ ok: true, value: record.names.includes(name) ? record : { version: record.version + 1, names: [...record.names, name] } }), NamesUsed);
}

/** The person's current name and every earlier one, without repeats. */
export async function everyNameOf(store: Store, user: { id: string; name: string }): Promise<string[]> {
  const earlier = await readVersioned(store, 'names-used', user.id, none, NamesUsed);
  return [...new Set([user.name, ...earlier.names].map((n) => n.trim()).filter(Boolean))];
}
