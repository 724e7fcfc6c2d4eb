import * as Y from 'yjs';
import { meetingBoardDocName, meetingGoalsDocName } from '@shared/meetings/meeting';
import type { Cluster } from '../cluster';
import type { DocRegistry } from '../collab/doc-registry';
import type { DomainEvents } from '../events/domain-events';
import { HttpError } from '../http/errors';
import { hashPassword } from '../auth/passwords';
import { newToken } from '../auth/sessions';
import type { Store } from '../store';
import type { VersionedKind } from '../store/store';
import { updateVersioned } from '../store/versioned';
import { z } from 'zod';
import { deactivateAccount } from './accounts';

/**
 * "Erase this person" (UK GDPR article 17): their account, memberships, registrations,
 * invitations, pre-meeting ratings and unrevealed private notes go; wherever their name or email
 * appears (a note's author, a goal's proposer or owner, who moved a survey's dates…) it becomes
 * "Former participant". What the group made stays: board content, ratings, votes and every
 * aggregate.
 */
const formerParticipant = 'Former participant';

const siteKinds: VersionedKind[] = ['goal-book', 'directory', 'tailored-sessions', 'evaluation', 'evaluation-releases', 'survey-invitations', 'programme-plan'];
const meetingKinds: VersionedKind[] = ['facilitation', 'registrations'];

/** `text` with every occurrence of each key of `replacements` replaced (a goal's owner named in words, too). */
function replaceIn(text: string, replacements: ReadonlyMap<string, string>): string {
  let result = text;
  for (const [from, to] of replacements) result = result.split(from).join(to);
  return result;
}

/** A JSON value with the person's name and email replaced wherever they occur in its strings. */
function replaceValues(value: unknown, replacements: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return replaceIn(value, replacements);
  if (Array.isArray(value)) return value.map((v) => replaceValues(v, replacements));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceValues(v, replacements)]));
  return value;
}

/** What is the person's own and goes entirely: their registrations and their private notes not yet on the board. */
function withoutTheirOwn(record: Record<string, unknown>, userId: string): Record<string, unknown> {
  const mine = (entry: unknown) => typeof entry === 'object' && entry !== null && (entry as { userId?: unknown }).userId === userId;
  const next = { ...record };
  if (Array.isArray(next.registrations)) next.registrations = next.registrations.filter((r) => !mine(r));
  const notes = next.notes as { privateNotes?: { authorId: string; revealed: boolean }[] } | undefined;
  if (notes?.privateNotes) next.notes = { ...notes, privateNotes: notes.privateNotes.filter((n) => n.authorId !== userId || n.revealed) };
  return next;
}

/** Any versioned record, read as it is stored: erasure rewrites every kind alike. */
const AnyRecord = z.looseObject({ version: z.number().int().nonnegative() });
type AnyRecord = z.infer<typeof AnyRecord>;
const noRecord = (): AnyRecord => ({ version: 0 });

/** Rewrites a versioned record through the one compare-and-set path; a missing or unchanged record is left alone. */
async function rewriteVersioned(store: Store, kind: VersionedKind, id: string, rewrite: (record: AnyRecord) => unknown): Promise<void> {
  await updateVersioned(
    store,
    kind,
    id,
    noRecord,
    (record) => {
      if (record.version === 0) return { ok: true, value: record };
      const next = rewrite(record) as AnyRecord;
      return { ok: true, value: JSON.stringify(next) === JSON.stringify(record) ? record : { ...next, version: record.version + 1 } };
    },
    AnyRecord,
  );
}

/** Replaces the name and email in a shared text, occurrence by occurrence; true if any. */
function scrubText(text: Y.Text, replacements: ReadonlyMap<string, string>): boolean {
  let changed = false;
  for (const [from, to] of replacements) {
    for (let at = text.toString().indexOf(from); at !== -1; at = text.toString().indexOf(from, at + to.length)) {
      text.delete(at, from.length);
      text.insert(at, to);
      changed = true;
    }
  }
  return changed;
}

/** Replaces the name and email in every entry of the document (notes, goal drafts, themes); true if any changed. */
function scrubDocument(doc: Y.Doc, replacements: ReadonlyMap<string, string>): boolean {
  let changed = false;
  for (const root of doc.share.keys()) {
    for (const entry of doc.getMap<unknown>(root).values()) {
      if (!(entry instanceof Y.Map)) continue;
      for (const [field, value] of (entry as Y.Map<unknown>).entries()) {
        if (value instanceof Y.Text) changed = scrubText(value, replacements) || changed;
        else if (typeof value === 'string' && replaceIn(value, replacements) !== value) {
          entry.set(field, replaceIn(value, replacements));
          changed = true;
        }
      }
    }
  }
  return changed;
}

export async function eraseAccount(deps: { store: Store; events: DomainEvents; registry: DocRegistry; cluster: Pick<Cluster, 'forgetBroadcastsMentioning'> }, userId: string, byUserId: string): Promise<void> {
  const { store } = deps;
  const user = await store.getUserById(userId);
  if (!user) throw new HttpError(404, 'There is no such account');
  // Access ends first (sessions, live connections), so nothing new arrives while we work.
  await deactivateAccount(store, deps.events, userId, byUserId);
  // The email first: it may contain the name. A very short name would match inside other words.
  const replacements = new Map([[user.email, '[erased]'], ...(user.name.trim().length >= 4 ? [[user.name, formerParticipant] as const] : [])]);
  const memberships = await store.listUserMemberships(userId);
  for (const { siteId } of memberships) {
    const meetings = await store.listSiteMeetings(siteId);
    for (const kind of siteKinds) await rewriteVersioned(store, kind, siteId, (r) => replaceValues(r, replacements));
    for (const meeting of meetings) {
      for (const kind of meetingKinds) await rewriteVersioned(store, kind, meeting.id, (r) => replaceValues(withoutTheirOwn(r, userId), replacements));
      const snapshot = await store.getMeetingSnapshot(meeting.id);
      if (snapshot) await store.replaceMeetingSnapshot(meeting.id, JSON.stringify(replaceValues(JSON.parse(snapshot), replacements)));
      await deps.registry.rewrite(meetingBoardDocName(siteId, meeting.id), (doc) => scrubDocument(doc, replacements));
      await deps.registry.rewrite(meetingGoalsDocName(siteId, meeting.id), (doc) => scrubDocument(doc, replacements));
    }
    for (const campaign of await store.listSiteCampaigns(siteId)) await store.saveCampaign(replaceValues(campaign, replacements) as typeof campaign);
    await store.deletePreRatingsBy(userId, meetings.map((m) => m.id));
    await store.removeMembership(siteId, userId);
  }
  // The audit log names people as the subject of administrators' actions, or as administrators.
  for (let year = 2024; year <= new Date().getFullYear() + 1; year++) await rewriteVersioned(store, 'audit-log', String(year), (r) => replaceValues(r, replacements));
  await store.eraseInvitationsTo(user.email);
  await deps.cluster.forgetBroadcastsMentioning([...replacements.keys()]);
  await store.updateUser(userId, { name: formerParticipant, email: `erased-${userId}@erased.invalid`, organisation: '', sector: '', passwordHash: await hashPassword(newToken()) });
  await store.dropOldCopies();
}
