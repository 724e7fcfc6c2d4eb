import crypto from 'node:crypto';
import { Router } from 'express';
import { createEvent } from 'ics';
import { meetingKindLabels } from '@shared/meetings/meeting';
import {
  capacityRefusal,
  CreateTailoredSessionBody,
  defaultRegistrationCloseDays,
  maxTailoredSessions,
  placeCategory,
  registrationClosesAt,
  sessionCapacity,
  type RegistrationBook,
} from '@shared/programme/registration';
import { signedInUser } from '../auth/sessions';
import { HttpError, parse } from '../http/errors';
import { SiteParams, MeetingParams } from '../http/params';
import { meetingAccess, requireParticipant } from '../meetings/access';
import { toMeeting } from '../meetings/meeting-json';
import { requireMembership, requireRole } from '../sites/access';
import type { Store } from '../store';
import type { MeetingRecord } from '../store/store';
import { readVersioned, updateVersioned } from '../store/versioned';


/** A meeting's registrations; a meeting scheduled the usual way closes at its kind's default. */
const initialBook = (meeting: MeetingRecord) => (): RegistrationBook => ({
  version: 0,
  closesAt: registrationClosesAt(meeting.startsAt, defaultRegistrationCloseDays[meeting.kind]),
  session: null,
  registrations: [],
});

/** Tailored support sessions (up to three per site) and registration for every meeting. */
export function programmeRoutes(deps: { store: Store; publicUrl: string }) {
  const { store } = deps;
  const router = Router();
  const book = (meeting: MeetingRecord) => readVersioned(store, 'registrations', meeting.id, initialBook(meeting));

  router.post('/sites/:siteId/tailored-sessions', async (req, res) => {
    const user = signedInUser(res);
    const { siteId } = parse(SiteParams, req.params);
    await requireRole(store, user, siteId, ['facilitator', 'lead'], 'the strategic lead and facilitators choose tailored support sessions');
    const body = parse(CreateTailoredSessionBody, req.body);
    const meetingId = crypto.randomUUID();
    // The place is reserved by compare-and-set first, so two choices at once cannot make four.
    await updateVersioned(store, 'tailored-sessions', siteId, () => ({ version: 0, meetingIds: [] as string[] }), (current) =>
      current.meetingIds.length >= maxTailoredSessions
        ? { ok: false, error: `A site chooses up to ${maxTailoredSessions} tailored support sessions, and this site has chosen ${current.meetingIds.length}` }
        : { ok: true, value: { version: current.version + 1, meetingIds: [...current.meetingIds, meetingId] } },
    );
    const members = await store.listSiteMembers(siteId);
    const meeting: MeetingRecord = {
      id: meetingId,
      siteId,
      kind: 'tailored-support',
      startsAt: new Date(body.startsAt).toISOString(),
      durationMinutes: body.durationMinutes,
      status: 'scheduled',
      attendeeIds: members.map((m) => m.userId),
      baseMeetingId: null,
      createdBy: user.id,
      createdAt: new Date().toISOString(),
    };
    await store.createMeeting(meeting);
    const closesAt = registrationClosesAt(meeting.startsAt, body.registrationCloseDays ?? defaultRegistrationCloseDays['tailored-support']);
    await updateVersioned(store, 'registrations', meeting.id, initialBook(meeting), (current) => ({
      ok: true,
      value: { ...current, version: current.version + 1, closesAt, session: { title: body.title, format: body.format, domains: body.domains } },
    }));
    res.status(201).json({ ...toMeeting(meeting), session: { title: body.title, format: body.format, domains: body.domains }, registrationClosesAt: closesAt });
  });

  router.get('/sites/:siteId/tailored-sessions', async (req, res) => {
    const { siteId } = parse(SiteParams, req.params);
    await requireMembership(store, signedInUser(res), siteId);
    const meetings = (await store.listSiteMeetings(siteId)).filter((m) => m.kind === 'tailored-support');
    res.json(
      await Promise.all(
        meetings.map(async (m) => {
          const b = await book(m);
          return { ...toMeeting(m), session: b.session, registered: b.registrations.length, registrationClosesAt: b.closesAt };
        }),
      ),
    );
  });

  router.get('/meetings/:meetingId/registration', async (req, res) => {
    const user = signedInUser(res);
    const { meeting } = await meetingAccess(store, user.id, parse(MeetingParams, req.params).meetingId);
    const b = await book(meeting);
    const counts = Object.fromEntries(['school-or-college', 'mental-health-professional', 'other'].map((c) => [c, b.registrations.filter((r) => r.category === c).length]));
    res.json({
      closesAt: b.closesAt,
      open: meeting.status === 'scheduled' && (!b.closesAt || new Date().toISOString() < b.closesAt),
      session: b.session,
      capacity: b.session ? sessionCapacity[b.session.format] : null,
      counts,
      registered: b.registrations.some((r) => r.userId === user.id),
    });
  });

  router.post('/meetings/:meetingId/registration', async (req, res) => {
    const user = signedInUser(res);
    const { meeting } = await requireParticipant(store, user.id, parse(MeetingParams, req.params).meetingId);
    const category = placeCategory(user.sector);
    await updateVersioned(store, 'registrations', meeting.id, initialBook(meeting), (current) => {
      if (meeting.status !== 'scheduled' || (current.closesAt && new Date().toISOString() >= current.closesAt)) {
        return { ok: false, error: `Registration for this ${meetingKindLabels[meeting.kind].toLowerCase()} has closed` };
      }
      if (current.registrations.some((r) => r.userId === user.id)) return { ok: true, value: current };
      const refusal = current.session ? capacityRefusal(current.session.format, current.registrations.map((r) => r.category), category) : null;
      if (refusal) return { ok: false, error: refusal };
      const registration = { userId: user.id, name: user.name, organisation: user.organisation, sector: user.sector, category, registeredAt: new Date().toISOString() };
      return { ok: true, value: { ...current, version: current.version + 1, registrations: [...current.registrations, registration] } };
    });
    res.status(201).json({ registered: true });
  });

  router.get('/meetings/:meetingId/registrations', async (req, res) => {
    const user = signedInUser(res);
    const access = await meetingAccess(store, user.id, parse(MeetingParams, req.params).meetingId);
    if (!access.facilitates && access.membership.role !== 'lead') throw new HttpError(403, 'Only facilitators and the strategic lead see who has registered');
    res.json((await book(access.meeting)).registrations);
  });

  router.get('/meetings/:meetingId/calendar.ics', async (req, res) => {
    const user = signedInUser(res);
    const { meeting } = await meetingAccess(store, user.id, parse(MeetingParams, req.params).meetingId);
    const b = await book(meeting);
    const site = await store.getSite(meeting.siteId);
    const { error, value } = createEvent({
      uid: `${meeting.id}@link-programme`,
      start: Date.parse(meeting.startsAt),
      duration: { minutes: meeting.durationMinutes },
      title: `${site?.name ?? 'Link Programme'}: ${b.session?.title ?? meetingKindLabels[meeting.kind]}`,
      description: `Join online from the Link Programme tool: ${deps.publicUrl}/meetings/${meeting.id}`,
      url: `${deps.publicUrl}/meetings/${meeting.id}`,
      productId: 'link-programme',
    });
    if (error || !value) throw new HttpError(500, 'The calendar file could not be made');
    res.type('text/calendar').attachment('meeting.ics').send(value);
  });

  return router;
}
