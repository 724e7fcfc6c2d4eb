import type * as Y from 'yjs';
import { GuardedDoc } from '@shared/collab/guarded-doc';
import { goalCollections } from '@shared/goals/drafts';

const guards = new WeakMap<Y.Doc, GuardedDoc>();
const names: Record<string, string> = { u1: 'Ann', u2: 'Bea' };

/**
 * Offers a client's update to a server's co-edited goals document as the server does: applied
 * when it passes; the reason when it is refused (and the document untouched).
 */
export function offerGoalsUpdate(server: Y.Doc, update: Uint8Array, senderId: string): string | null {
  let guard = guards.get(server);
  if (!guard) guards.set(server, (guard = new GuardedDoc(server, goalCollections)));
  const admission = guard.admit(update, { id: senderId, name: names[senderId] ?? senderId }, null);
  return admission.ok ? null : admission.reason;
}
