import { ukDaysBetween } from '@shared/dates';
import type { RescheduleMeetingBody } from '@shared/meetings/meeting';
import { registrationClosesAt } from '@shared/programme/registration';
import { HttpError } from '../http/errors';
import type { Mailer } from '../mail/mailer';
import type { Store } from '../store';
import type { MeetingRecord, UserRecord } from '../store/store';
import { registeredPeople, updateEventBook } from './event-book';
import { mailEvent } from './event-mail';
import { freeSessionPlace } from './sessions';

/**
 * Moves a meeting or session that has not started. Registration closes as many days before the
 * new date as it did before the old one; whoever moved it has agreed the new date; reminders about
 * the old date may go again; and everyone registered is emailed the new date with a calendar file
 * that replaces the old entry (same event, next SEQUENCE).
 */
export async function rescheduleEvent(
  deps: { store: Store; mailer: Mailer; publicUrl: string },
  mover: UserRecord,
  meeting: MeetingRecord,
  body: Required<RescheduleMeetingBody>,
): Promise<MeetingRecord> {
  const { store } = deps;
  const startsAt = new Date(body.startsAt).toISOString();
  if (!(await store.rescheduleMeeting(meeting.id, startsAt, body.durationMinutes))) throw new HttpError(409, 'This meeting has already started, so it cannot be moved');
  const moved: MeetingRecord = { ...meeting, startsAt, durationMinutes: body.durationMinutes };
  const book = await updateEventBook(store, moved, (current) => {
    const { 'joining-details': _joining, 'registration-closing': _closing, ...reminded } = current.reminded;
    return {
      ok: true,
      value: {
        ...current,
        closesAt: current.closesAt ? registrationClosesAt(startsAt, ukDaysBetween(current.closesAt, meeting.startsAt), new Date().toISOString()) : null,
        confirmation: { by: mover.name, at: new Date().toISOString() },
        reminded,
        sequence: current.sequence + 1,
      },
    };
  });
  const to = await registeredPeople(store, book);
  await mailEvent(deps, { meeting: moved, book, site: await store.getSite(meeting.siteId), kind: 'rescheduled', to, from: mover.name, movedFrom: meeting.startsAt });
  return moved;
}

/**
 * Cancels a meeting or session that has not started: it stops counting anywhere (a tailored
 * session frees its place), and everyone registered is emailed with a calendar file that takes it
 * out of their calendar.
 */
export async function cancelEvent(deps: { store: Store; mailer: Mailer; publicUrl: string }, canceller: UserRecord, meeting: MeetingRecord): Promise<void> {
  const { store } = deps;
  if (!(await store.changeMeetingStatus(meeting.id, 'scheduled', 'cancelled'))) throw new HttpError(409, 'Only a meeting that has not started can be cancelled');
  const cancelled: MeetingRecord = { ...meeting, status: 'cancelled' };
  if (meeting.kind === 'tailored-support') await freeSessionPlace(store, meeting.siteId, meeting.id);
  const book = await updateEventBook(store, cancelled, (current) => ({ ok: true, value: { ...current, sequence: current.sequence + 1 } }));
  const to = await registeredPeople(store, book);
  await mailEvent(deps, { meeting: cancelled, book, site: await store.getSite(meeting.siteId), kind: 'cancelled', to, from: canceller.name });
}
