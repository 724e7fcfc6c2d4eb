import crypto from 'node:crypto';
import { z } from 'zod';
import { CreateTailoredSessionBody, defaultRegistrationCloseDays, maxTailoredSessions, registrationClosesAt, type TailoredSessionSummary } from '@shared/programme/registration';
import { toMeeting } from '../meetings/meeting-json';
import type { Store } from '../store';
import type { MeetingRecord } from '../store/store';
import { updateVersioned } from '../store/versioned';
import { updateEventBook } from './event-book';

/** The sessions a site has chosen, as stored: the places reserved, by meeting. */
const ChosenSessions = z.object({ version: z.number().int().nonnegative(), meetingIds: z.array(z.string()) });

const noSessions = () => ({ version: 0, meetingIds: [] as string[] });

/** A cancelled session gives its place back, so the site may choose another. */
export async function freeSessionPlace(store: Store, siteId: string, meetingId: string): Promise<void> {
  await updateVersioned(
    store,
    'tailored-sessions',
    siteId,
    noSessions,
    (current) => (current.meetingIds.includes(meetingId) ? { ok: true, value: { version: current.version + 1, meetingIds: current.meetingIds.filter((id) => id !== meetingId) } } : { ok: true, value: current }),
    ChosenSessions,
  );
}

/**
 * Schedules one of the site's tailored support sessions. The place is reserved by compare-and-set
 * first, so two choices at once cannot make four.
 */
export async function chooseTailoredSession(store: Store, userId: string, siteId: string, body: z.infer<typeof CreateTailoredSessionBody>): Promise<TailoredSessionSummary> {
  const meetingId = crypto.randomUUID();
  await updateVersioned(
    store,
    'tailored-sessions',
    siteId,
    noSessions,
    (current) =>
      current.meetingIds.length >= maxTailoredSessions
        ? { ok: false, error: `A site chooses up to ${maxTailoredSessions} tailored support sessions, and this site has chosen ${current.meetingIds.length}` }
        : { ok: true, value: { version: current.version + 1, meetingIds: [...current.meetingIds, meetingId] } },
    ChosenSessions,
  );
  const meeting: MeetingRecord = {
    id: meetingId,
    siteId,
    kind: 'tailored-support',
    startsAt: new Date(body.startsAt).toISOString(),
    durationMinutes: body.durationMinutes,
    status: 'scheduled',
    // People join a session by registering, whenever they joined the site.
    attendeeIds: [],
    baseMeetingId: null,
    startedAt: null,
    createdBy: userId,
    createdAt: new Date().toISOString(),
  };
  await store.createMeeting(meeting);
  const session = { title: body.title, format: body.format, domains: body.domains };
  const closesAt = registrationClosesAt(meeting.startsAt, body.registrationCloseDays ?? defaultRegistrationCloseDays['tailored-support'], meeting.createdAt);
  await updateEventBook(store, meeting, (current) => ({ ok: true, value: { ...current, closesAt, session } }));
  return { meeting: toMeeting(meeting), session, registered: 0, registrationClosesAt: closesAt };
}
