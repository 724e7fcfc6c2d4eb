import { Router } from 'express';
import { z } from 'zod';
import { ActionDoneBody } from '@shared/actions';
import { AddSessionActionBody, sessionActions } from '@shared/goals/session-actions';
import {
  CreateTailoredSessionBody,
  JoiningDetails,
  placeCategory,
  sessionCapacity,
  suggestSessionDomains,
  type EventRegistration,
  type RegistrationBook,
  type TailoredSessionSummary,
} from '@shared/programme/registration';
import { signedInUser } from '../auth/sessions';
import { HttpError, parse } from '../http/errors';
import { SiteParams, MeetingParams } from '../http/params';
import { allowOnMeeting, requireParticipant, type MeetingAccess } from '../meetings/access';
import { toMeeting } from '../meetings/meeting-json';
import type { Mailer } from '../mail/mailer';
import { allowOnSite, requireMembership } from '../sites/access';
import type { Store } from '../store';
import type { MeetingRecord } from '../store/store';
import type { GoalService } from '../goals/service';
import { invitees, readEventBook, updateEventBook } from './event-book';
import { chooseTailoredSession } from './sessions';
import { cancelEvent, rescheduleEvent } from './event-changes';
import { rescheduleBodyFor } from '@shared/meetings/meeting';
import { cancelRegistration, placesTaken, register, registrationOpen, setSessionActionDone } from '@shared/programme/event-rules';
import { eventCalendar, eventTitle, mailEvent } from './event-mail';

const ActionParams = MeetingParams.extend({ actionId: z.string().min(1).max(64) });

/**
 * Everything around an event: tailored support sessions (up to three per site), registration for
 * every meeting, the lead's confirmation of the date, invitations with a calendar file, and the
 * actions a session agreed.
 */
export function programmeRoutes(deps: { store: Store; mailer: Mailer; publicUrl: string; goals: GoalService }) {
  const { store } = deps;
  const router = Router();

  router.get('/sites/:siteId/tailored-sessions/suggestions', async (req, res) => {
    const { siteId } = parse(SiteParams, req.params);
    await requireMembership(store, signedInUser(res), siteId);
    res.json(suggestSessionDomains((await deps.goals.book(siteId)).goals.map((g) => g.draft.relevantDomains)));
  });

  router.post('/sites/:siteId/tailored-sessions', async (req, res) => {
    const user = signedInUser(res);
    const { siteId } = parse(SiteParams, req.params);
    await allowOnSite(store, user, siteId, 'choose-sessions');
    const created = await chooseTailoredSession(store, user.id, siteId, parse(CreateTailoredSessionBody, req.body));
    res.status(201).json(created);
  });

  router.get('/sites/:siteId/tailored-sessions', async (req, res) => {
    const { siteId } = parse(SiteParams, req.params);
    await requireMembership(store, signedInUser(res), siteId);
    const meetings = (await store.listSiteMeetings(siteId)).filter((m) => m.kind === 'tailored-support' && m.status !== 'cancelled');
    const sessions: TailoredSessionSummary[] = [];
    for (const meeting of meetings) {
      const book = await readEventBook(store, meeting);
      if (book.session) sessions.push({ meeting: toMeeting(meeting), session: book.session, registered: book.registrations.length, registrationClosesAt: book.closesAt });
    }
    res.json(sessions);
  });

  router.get('/meetings/:meetingId/registration', async (req, res) => {
    const user = signedInUser(res);
    const access = await allowOnMeeting(store, user.id, parse(MeetingParams, req.params).meetingId, 'register');
    const book = await readEventBook(store, access.meeting);
    const registered = book.registrations.some((r) => r.userId === user.id);
    const view: EventRegistration = {
      meeting: toMeeting(access.meeting),
      title: eventTitle(access.meeting, book),
      session: book.session,
      closesAt: book.closesAt,
      open: registrationOpen(access.meeting, book, new Date()),
      capacity: book.session ? sessionCapacity[book.session.format] : null,
      counts: placesTaken(book),
      registered,
      abilities: access.abilities,
      confirmation: book.confirmation,
      invitationsSentAt: book.invitationsSentAt,
      actions: sessionActions(await deps.goals.book(access.meeting.siteId), book.actions, access.meeting.id),
      joining: mayJoinCall(access, book, user.id) ? book.joining : null,
    };
    res.json(view);
  });

  router.post('/meetings/:meetingId/registration', async (req, res) => {
    const user = signedInUser(res);
    // Everyone on the site may register, including people who joined after the event was set up.
    const { meeting } = await allowOnMeeting(store, user.id, parse(MeetingParams, req.params).meetingId, 'register');
    const person = { userId: user.id, name: user.name, organisation: user.organisation, sector: user.sector, category: placeCategory(user.sector) };
    await updateEventBook(store, meeting, (current) => register(current, meeting, person, new Date()));
    // After the place is taken, so a retry after a crash in between still makes them an attendee.
    await store.addMeetingAttendee(meeting.id, user.id);
    res.status(201).json({ registered: true });
  });

  router.delete('/meetings/:meetingId/registration', async (req, res) => {
    const user = signedInUser(res);
    const { meeting } = await allowOnMeeting(store, user.id, parse(MeetingParams, req.params).meetingId, 'register');
    // Cancelling frees the place for someone else while registration is open; the person stays
    // an attendee, as anyone invited is.
    await updateEventBook(store, meeting, (current) => cancelRegistration(current, meeting, user.id, new Date()));
    res.status(204).end();
  });

  router.get('/meetings/:meetingId/registrations', async (req, res) => {
    const access = await allowOnMeeting(store, signedInUser(res).id, parse(MeetingParams, req.params).meetingId, 'see-registrations');
    res.json((await readEventBook(store, access.meeting)).registrations);
  });

  router.post('/meetings/:meetingId/confirmation', async (req, res) => {
    const user = signedInUser(res);
    const access = await allowOnMeeting(store, user.id, parse(MeetingParams, req.params).meetingId, 'confirm-date');
    if (access.meeting.status !== 'scheduled') throw new HttpError(409, 'This meeting has already started');
    const book = await updateEventBook(store, access.meeting, (current) => ({
      ok: true,
      value: current.confirmation ? current : { ...current, confirmation: { by: user.name, at: new Date().toISOString() } },
    }));
    res.json(book.confirmation);
  });

  router.post('/meetings/:meetingId/invitations', async (req, res) => {
    const user = signedInUser(res);
    const access = await allowOnMeeting(store, user.id, parse(MeetingParams, req.params).meetingId, 'send-invitations');
    const { meeting } = access;
    const current = await readEventBook(store, meeting);
    if (!registrationOpen(meeting, current, new Date())) throw new HttpError(422, 'Registration for this event has closed, so an invitation would come too late');
    const registered = new Set(current.registrations.map((r) => r.userId));
    const to = (await invitees(store, meeting.siteId)).filter((u) => !registered.has(u.id) && u.id !== user.id);
    const book = await updateEventBook(store, meeting, (latest) => ({ ok: true, value: { ...latest, invitationsSentAt: new Date().toISOString() } }));
    await mailEvent(deps, { meeting, book, site: await store.getSite(meeting.siteId), kind: 'invitation', to, from: user.name });
    res.status(201).json({ sent: to.length });
  });

  /** A session's actions: its own from before and those kept in the goal book (shared/goals/session-actions.ts). */
  const actionsOf = async (meeting: MeetingRecord) => sessionActions(await deps.goals.book(meeting.siteId), (await readEventBook(store, meeting)).actions, meeting.id);

  router.post('/meetings/:meetingId/actions', async (req, res) => {
    const user = signedInUser(res);
    const { meeting } = await requireParticipant(store, user.id, parse(MeetingParams, req.params).meetingId);
    if (meeting.kind !== 'tailored-support') throw new HttpError(422, 'Actions are recorded here for tailored support sessions; record goal actions on the goals page');
    await deps.goals.addSessionAction(meeting, parse(AddSessionActionBody, req.body), user.id);
    res.status(201).json(await actionsOf(meeting));
  });

  router.patch('/meetings/:meetingId/actions/:actionId', async (req, res) => {
    const user = signedInUser(res);
    const { meetingId, actionId } = parse(ActionParams, req.params);
    const { meeting } = await requireParticipant(store, user.id, meetingId);
    const { done } = parse(ActionDoneBody, req.body);
    const kept = (await deps.goals.book(meeting.siteId)).actions.find((a) => a.id === actionId && a.meetingId === meeting.id);
    if (kept) {
      // In the goal book, one rule for every action there: its owner, the lead or a facilitator.
      await allowOnSite(store, user, meeting.siteId, 'complete-action', kept.ownerId === user.id);
      await deps.goals.setActionDone(meeting.siteId, actionId, done);
    } else {
      // One from before, in the session's own book: anyone who took part ticks it, as then.
      await updateEventBook(store, meeting, (current) => setSessionActionDone(current, actionId, done));
    }
    res.json(await actionsOf(meeting));
  });

  router.put('/meetings/:meetingId/joining', async (req, res) => {
    const user = signedInUser(res);
    const { meeting } = await allowOnMeeting(store, user.id, parse(MeetingParams, req.params).meetingId, 'set-joining-details');
    const joining = parse(JoiningDetails, req.body);
    const book = await updateEventBook(store, meeting, (current) => ({ ok: true, value: { ...current, joining } }));
    res.json(book.joining);
  });

  router.post('/meetings/:meetingId/cancel', async (req, res) => {
    const user = signedInUser(res);
    const { meeting } = await allowOnMeeting(store, user.id, parse(MeetingParams, req.params).meetingId, 'cancel-meeting');
    await cancelEvent(deps, user, meeting);
    res.json(toMeeting({ ...meeting, status: 'cancelled' }));
  });

  router.patch('/meetings/:meetingId', async (req, res) => {
    const user = signedInUser(res);
    const { meeting } = await allowOnMeeting(store, user.id, parse(MeetingParams, req.params).meetingId, 'reschedule-meeting');
    const moved = await rescheduleEvent(deps, user, meeting, parse(rescheduleBodyFor(meeting.kind), req.body));
    res.json(toMeeting(moved));
  });

  router.get('/meetings/:meetingId/calendar.ics', async (req, res) => {
    const user = signedInUser(res);
    const access = await allowOnMeeting(store, user.id, parse(MeetingParams, req.params).meetingId, 'see-meeting');
    const { meeting } = access;
    const book = await readEventBook(store, meeting);
    const calendar = eventCalendar(meeting, book, await store.getSite(meeting.siteId), deps.publicUrl, mayJoinCall(access, book, user.id));
    res.type('text/calendar').attachment('meeting.ics').send(calendar);
  });

  return router;
}

/**
 * Who is given the call's link and joining details: whoever takes part (the policy's
 * 'take-part': registered, invited, or any member of the site at a review) and those who set them.
 */
function mayJoinCall(access: MeetingAccess, book: RegistrationBook, userId: string): boolean {
  return book.registrations.some((r) => r.userId === userId) || access.participates || access.abilities.includes('set-joining-details');
}
