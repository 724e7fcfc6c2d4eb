import { defaultRegistrationCloseDays, registrationClosesAt, RegistrationBook } from '@shared/programme/registration';
import type { Store } from '../store';
import type { SessionFacts } from '@shared/programme/tailored-support';
import type { MeetingRecord, UserRecord } from '../store/store';
import { readVersioned, updateVersioned, type Change, type NamedChange } from '../store/versioned';

/** A meeting's event book before anything happened: registration closes at its kind's default. */
const emptyEventBook = (meeting: MeetingRecord) => (): RegistrationBook =>
  RegistrationBook.parse({ version: 0, closesAt: registrationClosesAt(meeting.startsAt, defaultRegistrationCloseDays[meeting.kind], meeting.createdAt) });

export const readEventBook = (store: Store, meeting: MeetingRecord) => readVersioned(store, 'registrations', meeting.id, emptyEventBook(meeting), RegistrationBook);

/**
 * Changes the book by compare-and-set; the change returns the new book (version bumped here), or
 * the book itself to change nothing. A `named` change is applied once (see `updateVersioned`).
 */
export const updateEventBook = (
  store: Store,
  meeting: MeetingRecord,
  change: (current: RegistrationBook) => { ok: true; value: Omit<RegistrationBook, 'version'> } | { ok: false; error: string },
  named?: NamedChange,
) =>
  updateVersioned(store, 'registrations', meeting.id, emptyEventBook(meeting), (current): Change<RegistrationBook> => {
    const outcome = change(current);
    if (!outcome.ok) return outcome;
    if (outcome.value === current) return { ok: true, value: current };
    return { ok: true, value: { ...outcome.value, version: current.version + 1 } };
  }, RegistrationBook, { change: named });

/** The people registered for an event, as accounts (anyone who has since gone is left out). */
export async function registeredPeople(store: Store, book: RegistrationBook): Promise<UserRecord[]> {
  const people = await Promise.all(book.registrations.map((r) => store.getUserById(r.userId)));
  return people.filter((u): u is UserRecord => u !== null);
}

/** People the site's events are for: everyone on the site except its facilitators, who run them. */
export async function invitees(store: Store, siteId: string): Promise<UserRecord[]> {
  const members = (await store.listSiteMembers(siteId)).filter((m) => m.role !== 'facilitator');
  const users = await Promise.all(members.map((m) => store.getUserById(m.userId)));
  return users.filter((u): u is UserRecord => u !== null);
}

/** The site's tailored sessions as the rules about the support being over need them; a cancelled one is as if never booked. */
export async function sessionFacts(store: Store, meetings: readonly MeetingRecord[]): Promise<SessionFacts[]> {
  const sessions = meetings.filter((m) => m.kind === 'tailored-support' && m.status !== 'cancelled');
  return Promise.all(sessions.map(async (m) => ({ status: m.status, startsAt: m.startsAt, selfPaced: (await readEventBook(store, m)).session?.format === 'online-module' })));
}
