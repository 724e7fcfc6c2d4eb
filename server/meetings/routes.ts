import { Router } from 'express';
import { DomainId } from '@shared/cascade/framework';
import {
  CreateMeetingBody,
  PreRatingBody,
  type PreRating,
  type PreRatingProgress,
} from '@shared/meetings/meeting';
import { z } from 'zod';
import { signedInUser } from '../auth/sessions';
import { HttpError, parse } from '../http/errors';
import { SiteParams, MeetingParams } from '../http/params';
import { allowOnSite, requireMembership } from '../sites/access';
import type { Store } from '../store';
import { allowOnMeeting, requireFacilitator, requireParticipant } from './access';
import type { FacilitationService } from './facilitation-service';
import type { GoalService } from '../goals/service';
import { attendanceRegister } from './attendance';
import { toMeeting } from './meeting-json';
import { scheduleMeeting } from './schedule';
import { meetingDetailFor } from './detail';

const RatingParams = MeetingParams.extend({ domain: z.coerce.number().pipe(DomainId) });


export function meetingRoutes(deps: { store: Store; facilitation: FacilitationService; goals: GoalService }) {
  const { store, facilitation } = deps;
  const router = Router();

  router.get('/sites/:siteId/meetings', async (req, res) => {
    const { siteId } = parse(SiteParams, req.params);
    await requireMembership(store, signedInUser(res), siteId);
    res.json((await store.listSiteMeetings(siteId)).map(toMeeting));
  });

  router.post('/sites/:siteId/meetings', async (req, res) => {
    const user = signedInUser(res);
    const { siteId } = parse(SiteParams, req.params);
    await allowOnSite(store, user, siteId, 'schedule-meeting');
    const meeting = await scheduleMeeting(store, user, siteId, parse(CreateMeetingBody, req.body));
    res.status(201).json(toMeeting(meeting));
  });

  router.get('/meetings/:meetingId', async (req, res) => {
    const user = signedInUser(res);
    res.json(await meetingDetailFor(deps, user.id, parse(MeetingParams, req.params).meetingId));
  });

  router.get('/meetings/:meetingId/pre-ratings/mine', async (req, res) => {
    const user = signedInUser(res);
    const { meetingId } = parse(MeetingParams, req.params);
    await requireParticipant(store, user.id, meetingId);
    const mine: PreRating[] = (await store.listPreRatings(meetingId))
      .filter((r) => r.userId === user.id)
      .map((r) => ({ domain: r.domain as PreRating['domain'], rating: r.rating as PreRating['rating'], comment: r.comment }));
    res.json(mine);
  });

  router.put('/meetings/:meetingId/pre-ratings/:domain', async (req, res) => {
    const user = signedInUser(res);
    const { meetingId, domain } = parse(RatingParams, req.params);
    const { meeting } = await requireParticipant(store, user.id, meetingId);
    const body = parse(PreRatingBody, req.body);
    if (meeting.status !== 'scheduled') throw new HttpError(409, 'Ratings before the meeting close when the meeting starts');
    await store.putPreRating({ meetingId, userId: user.id, domain, rating: body.rating, comment: body.comment, updatedAt: new Date().toISOString() });
    res.status(204).end();
  });

  router.get('/meetings/:meetingId/pre-ratings/progress', async (req, res) => {
    const user = signedInUser(res);
    const { meetingId } = parse(MeetingParams, req.params);
    const { meeting } = await requireFacilitator(store, user.id, meetingId);
    const ratings = await store.listPreRatings(meetingId);
    const progress: PreRatingProgress[] = [];
    for (const attendeeId of meeting.attendeeIds) {
      const attendee = await store.getUserById(attendeeId);
      const rated = ratings.filter((r) => r.userId === attendeeId).length;
      progress.push({ userId: attendeeId, name: attendee?.name ?? '', rated, complete: rated === 7 });
    }
    res.json(progress);
  });

  router.post('/meetings/:meetingId/start', async (req, res) => {
    const { meeting } = await requireFacilitator(store, signedInUser(res).id, parse(MeetingParams, req.params).meetingId);
    await facilitation.start(meeting);
    res.json(toMeeting({ ...meeting, status: 'live' }));
  });

  router.post('/meetings/:meetingId/close', async (req, res) => {
    const { meeting } = await requireFacilitator(store, signedInUser(res).id, parse(MeetingParams, req.params).meetingId);
    res.json(await facilitation.close(meeting));
  });

  router.get('/meetings/:meetingId/snapshot', async (req, res) => {
    const { meetingId } = parse(MeetingParams, req.params);
    await allowOnMeeting(store, signedInUser(res).id, meetingId, 'see-meeting');
    const snapshot = await facilitation.snapshot(meetingId);
    if (!snapshot) throw new HttpError(404, 'This meeting has not closed yet');
    res.json(snapshot);
  });

  router.get('/meetings/:meetingId/attendance', async (req, res) => {
    const user = signedInUser(res);
    const { meetingId } = parse(MeetingParams, req.params);
    await allowOnMeeting(store, user.id, meetingId, 'see-register');
    res.json(await attendanceRegister(store, meetingId));
  });

  return router;
}
