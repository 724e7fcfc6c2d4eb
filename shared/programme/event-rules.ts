import type { MeetingKind, MeetingStatus } from '../meetings/meeting';
import { meetingKindLabels } from '../meetings/meeting';
import { capacityRefusal, type PlaceCategory, type Registration, type RegistrationBook } from './registration';

/**
 * The rules of an event's book as pure functions: registering, cancelling, counting places and
 * a session's actions. Each returns the new book (without its version) or the reason to refuse;
 * the server stores the result by compare-and-set.
 */
type Outcome = { ok: true; value: Omit<RegistrationBook, 'version'> } | { ok: false; error: string };
interface EventMeeting {
  kind: MeetingKind;
  status: MeetingStatus;
}

export function registrationOpen(meeting: Pick<EventMeeting, 'status'>, book: Pick<RegistrationBook, 'closesAt'>, now: Date): boolean {
  return meeting.status === 'scheduled' && (!book.closesAt || now.toISOString() < book.closesAt);
}

/** Registers a person once; refused when registration has closed or their category is full. */
export function register(book: RegistrationBook, meeting: EventMeeting, person: Omit<Registration, 'registeredAt'>, now: Date): Outcome {
  if (!registrationOpen(meeting, book, now)) return { ok: false, error: `Registration for this ${meetingKindLabels[meeting.kind].toLowerCase()} has closed` };
  if (book.registrations.some((r) => r.userId === person.userId)) return { ok: true, value: book };
  const refusal = book.session ? capacityRefusal(book.session.format, book.registrations.map((r) => r.category), person.category) : null;
  if (refusal) return { ok: false, error: refusal };
  return { ok: true, value: { ...book, registrations: [...book.registrations, { ...person, registeredAt: now.toISOString() }] } };
}

/** Gives up a place while registration is open (the person stays invited, as anyone invited is). */
export function cancelRegistration(book: RegistrationBook, meeting: EventMeeting, userId: string, now: Date): Outcome {
  if (!book.registrations.some((r) => r.userId === userId)) return { ok: true, value: book };
  if (!registrationOpen(meeting, book, now)) return { ok: false, error: 'Registration has closed, so it cannot be cancelled here. Tell the strategic lead you cannot come.' };
  return { ok: true, value: { ...book, registrations: book.registrations.filter((r) => r.userId !== userId) } };
}

export function placesTaken(book: RegistrationBook): Record<PlaceCategory, number> {
  const counts: Record<PlaceCategory, number> = { 'school-or-college': 0, 'mental-health-professional': 0, other: 0 };
  for (const r of book.registrations) counts[r.category]++;
  return counts;
}

export function setSessionActionDone(book: RegistrationBook, actionId: string, done: boolean): Outcome {
  if (!book.actions.some((a) => a.id === actionId)) return { ok: false, error: 'There is no such action for this session' };
  return { ok: true, value: { ...book, actions: book.actions.map((a) => (a.id === actionId ? { ...a, done } : a)) } };
}
