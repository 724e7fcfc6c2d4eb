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
import type { Mailer } from '../mail/mailer';
import { deactivateAccount } from './accounts';
import { everyNameOf } from './names-used';

/**
 * "Erase this person" (UK GDPR article 17): their account, memberships, registrations,
 * invitations, pre-meeting ratings and unrevealed private notes go; wherever their name or email
 * appears (a note's author, a goal's proposer or owner, who moved a survey's dates…) it becomes
 * "Former participant". What the group made stays: board content, ratings, votes and every
 * aggregate. Every site is searched, not only those they belong to now, under every name they
 * have gone by here.
 */
const formerParticipant = 'Former participant';

const siteKinds: VersionedKind[] = ['goal-book', 'directory', 'tailored-sessions', 'evaluation', 'evaluation-releases', 'survey-invitations', 'programme-plan'];
const meetingKinds: VersionedKind[] = ['facilitation', 'registrations'];

/**
 * What to replace. A field whose whole value is one of their names or their address is replaced
 * whatever its length ("Al" as a note's author). Inside longer text only names of four
 * characters or more are replaced: a shorter one would match inside other words.
 */
interface Traces {
  whole: ReadonlyMap<string, string>;
  within: ReadonlyMap<string, string>;
}

function tracesOf(email: string, names: readonly string[]): Traces {
  const erasedEmail: [string, string] = [email, '[erased]'];
  return {
    whole: new Map([erasedEmail, ...names.map((n): [string, string] => [n, formerParticipant])]),
    // The email first: it may contain the name.
    within: new Map([erasedEmail, ...names.filter((n) => n.length >= 4).map((n): [string, string] => [n, formerParticipant])]),
  };
}

/** `text` with the person's traces replaced: all of it if it is one, else every occurrence inside it. */
function replaceIn(text: string, traces: Traces): string {
  const whole = traces.whole.get(text.trim());
  if (whole !== undefined) return whole;
  let result = text;
  for (const [from, to] of traces.within) result = result.split(from).join(to);
  return result;
}

/** A JSON value with the person's name and email replaced wherever they occur in its strings. */
function replaceValues(value: unknown, traces: Traces): unknown {
  if (typeof value === 'string') return replaceIn(value, traces);
  if (Array.isArray(value)) return value.map((v) => replaceValues(v, traces));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceValues(v, traces)]));
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
function scrubText(text: Y.Text, traces: Traces): boolean {
  const whole = traces.whole.get(text.toString().trim());
  if (whole !== undefined) {
    text.delete(0, text.length);
    text.insert(0, whole);
    return true;
  }
  let changed = false;
  for (const [from, to] of traces.within) {
    for (let at = text.toString().indexOf(from); at !== -1; at = text.toString().indexOf(from, at + to.length)) {
      text.delete(at, from.length);
      text.insert(at, to);
      changed = true;
    }
  }
  return changed;
}

/** Replaces the name and email in every entry of the document (notes, goal drafts, themes); true if any changed. */
function scrubDocument(doc: Y.Doc, traces: Traces): boolean {
  let changed = false;
  for (const root of doc.share.keys()) {
    for (const entry of doc.getMap<unknown>(root).values()) {
      if (!(entry instanceof Y.Map)) continue;
      for (const [field, value] of (entry as Y.Map<unknown>).entries()) {
        if (value instanceof Y.Text) changed = scrubText(value, traces) || changed;
        else if (typeof value === 'string' && replaceIn(value, traces) !== value) {
          entry.set(field, replaceIn(value, traces));
          changed = true;
        }
      }
    }
  }
  return changed;
}

type ErasureDeps = { store: Store; events: DomainEvents; registry: DocRegistry; cluster: Pick<Cluster, 'forgetBroadcastsMentioning'>; mailer: Pick<Mailer, 'forget'> };

/** One site: its records, meetings, boards and surveys with the traces replaced, and the person's own things gone. */
async function eraseFromSite(deps: ErasureDeps, siteId: string, userId: string, traces: Traces): Promise<void> {
  const { store } = deps;
  const meetings = await store.listSiteMeetings(siteId);
  for (const kind of siteKinds) await rewriteVersioned(store, kind, siteId, (r) => replaceValues(r, traces));
  for (const meeting of meetings) {
    for (const kind of meetingKinds) await rewriteVersioned(store, kind, meeting.id, (r) => replaceValues(withoutTheirOwn(r, userId), traces));
    const snapshot = await store.getMeetingSnapshot(meeting.id);
    if (snapshot) await store.replaceMeetingSnapshot(meeting.id, JSON.stringify(replaceValues(JSON.parse(snapshot), traces)));
    await deps.registry.rewrite(meetingBoardDocName(siteId, meeting.id), (doc) => scrubDocument(doc, traces));
    await deps.registry.rewrite(meetingGoalsDocName(siteId, meeting.id), (doc) => scrubDocument(doc, traces));
  }
  for (const campaign of await store.listSiteCampaigns(siteId)) await store.saveCampaign(replaceValues(campaign, traces) as typeof campaign);
  await store.deletePreRatingsBy(userId, meetings.map((m) => m.id));
  await store.removeMembership(siteId, userId);
}

export async function eraseAccount(deps: ErasureDeps, userId: string, byUserId: string): Promise<void> {
  const { store } = deps;
  const user = await store.getUserById(userId);
  if (!user) throw new HttpError(404, 'There is no such account');
  // Access ends first (sessions, live connections), so nothing new arrives while we work.
  await deactivateAccount(store, deps.events, userId, byUserId);
  const names = await everyNameOf(store, user);
  const traces = tracesOf(user.email, names);
  // Every site, not only those they belong to now: someone who left keeps their name on what they wrote there.
  for (const site of await store.listSites()) await eraseFromSite(deps, site.id, userId, traces);
  // The audit log names people as the subject of administrators' actions, or as administrators.
  for (let year = 2024; year <= new Date().getFullYear() + 1; year++) await rewriteVersioned(store, 'audit-log', String(year), (r) => replaceValues(r, traces));
  await store.eraseInvitationsTo(user.email);
  await deps.cluster.forgetBroadcastsMentioning([...traces.within.keys()]);
  await deps.mailer.forget([user.email, ...names.filter((n) => n.length >= 4)]);
  await rewriteVersioned(store, 'names-used', userId, (r) => ({ ...r, names: [] }));
  await store.updateUser(userId, { name: formerParticipant, email: `erased-${userId}@erased.invalid`, organisation: '', sector: '', passwordHash: await hashPassword(newToken()) });
  await store.dropOldCopies();
}

/** An account already erased: a restored backup may bring back one that is not. */
export const isErased = (user: { email: string }) => user.email.endsWith('@erased.invalid');
