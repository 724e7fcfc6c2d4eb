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
import { SurveyCampaignRecord } from '../store/records';
import { updateVersioned } from '../store/versioned';
import { z } from 'zod';
import type { Mailer } from '../mail/mailer';
import { deactivateAccount } from './accounts';
import { everyNameOf } from './names-used';
import { belongsToSomeoneElse, formerParticipant, replaceIn, replaceValues, tracesWithinText, type Traces } from './erasure-traces';

/**
 * "Erase this person" (UK GDPR article 17): their account, memberships, registrations,
 * invitations, pre-meeting ratings and unrevealed private notes go; wherever their name or email
 * appears (a note's author, a goal's proposer or owner, who moved a survey's dates…) it becomes
 * "Former participant" (`erasure-traces.ts` says where). What the group made stays: board
 * content, ratings, votes and every aggregate. Every site is searched, not only those they
 * belong to now, under every name they have gone by here.
 */

const siteKinds: VersionedKind[] = ['goal-book', 'goal-check-in-reminders', 'directory', 'tailored-sessions', 'evaluation', 'evaluation-releases', 'survey-invitations', 'programme-plan', 'facilitator-script', 'school-survey-choice'];
const meetingKinds: VersionedKind[] = ['facilitation', 'registrations'];

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

/** Replaces the traces in a shared text held in `field`, occurrence by occurrence; true if any. */
function scrubText(text: Y.Text, traces: Traces, field: string, someoneElses: boolean): boolean {
  const before = text.toString();
  const after = replaceIn(before, traces, field, someoneElses);
  if (after === before) return false;
  // The text is rewritten whole: what it said before must not stay in the document's history.
  text.delete(0, text.length);
  text.insert(0, after);
  return true;
}

/** Replaces the traces in every entry of the document (notes, goal drafts, themes), field by field; true if any changed. */
function scrubDocument(doc: Y.Doc, traces: Traces): boolean {
  let changed = false;
  for (const root of doc.share.keys()) {
    for (const entry of doc.getMap<unknown>(root).values()) {
      if (!(entry instanceof Y.Map)) continue;
      const theirs = belongsToSomeoneElse((field) => entry.get(field), traces);
      for (const [field, value] of (entry as Y.Map<unknown>).entries()) {
        if (value instanceof Y.Text) changed = scrubText(value, traces, field, theirs) || changed;
        else if (typeof value === 'string' && replaceIn(value, traces, field, theirs) !== value) {
          entry.set(field, replaceIn(value, traces, field, theirs));
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
  for (const campaign of await store.listSiteCampaigns(siteId)) await store.saveCampaign(SurveyCampaignRecord.parse(replaceValues(campaign, traces)));
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
  const traces: Traces = { userId, email: user.email, names };
  // Every site, not only those they belong to now: someone who left keeps their name on what they wrote there.
  for (const site of await store.listSites()) await eraseFromSite(deps, site.id, userId, traces);
  // The audit log names people as the subject of administrators' actions, or as administrators.
  for (let year = 2024; year <= new Date().getFullYear() + 1; year++) await rewriteVersioned(store, 'audit-log', String(year), (r) => replaceValues(r, traces));
  await store.eraseInvitationsTo(user.email);
  await deps.cluster.forgetBroadcastsMentioning(tracesWithinText(traces));
  await deps.mailer.forget(tracesWithinText(traces));
  await rewriteVersioned(store, 'names-used', userId, (r) => ({ ...r, names: [] }));
  await store.updateUser(userId, { name: formerParticipant, email: `erased-${userId}@erased.invalid`, organisation: '', sector: '', passwordHash: await hashPassword(newToken()) });
  await store.dropOldCopies();
}

/** An account already erased: a restored backup may bring back one that is not. */
export const isErased = (user: { email: string }) => user.email.endsWith('@erased.invalid');
