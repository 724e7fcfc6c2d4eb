import { Router } from 'express';
import { z } from 'zod';
import { ActionDoneBody } from '@shared/actions';
import { CheckInBody, DecisionBody, GoalOwnerBody } from '@shared/goals/thread-schemas';
import { signedInUser } from '../auth/sessions';
import { parse } from '../http/errors';
import { MeetingParams, SiteParams } from '../http/params';
import { allowOnMeeting } from '../meetings/access';
import { allowOnSite } from '../sites/access';
import type { Store } from '../store';
import type { GoalService } from './service';

const GoalParams = SiteParams.extend({ goalId: z.string().min(1).max(64) });
const ActionParams = SiteParams.extend({ actionId: z.string().min(1).max(64) });

/**
 * Goals between meetings: owners named by the lead or a facilitator, check-ins by the owner (or
 * the lead or a facilitator for them), decisions, and actions ticked off by their owner. Each
 * route: parse, ask the policy (who owns the goal or action is part of the question), command.
 */
export function goalThreadRoutes(deps: { store: Store; goals: GoalService }) {
  const { store, goals } = deps;
  const router = Router();

  router.put('/sites/:siteId/goals/:goalId/owner', async (req, res) => {
    const user = signedInUser(res);
    const { siteId, goalId } = parse(GoalParams, req.params);
    await allowOnSite(store, user, siteId, 'name-goal-owner');
    await goals.setOwner(siteId, goalId, parse(GoalOwnerBody, req.body).ownerId);
    res.json(await goals.overview(siteId));
  });

  router.post('/sites/:siteId/goals/:goalId/check-ins', async (req, res) => {
    const user = signedInUser(res);
    const { siteId, goalId } = parse(GoalParams, req.params);
    const owns = (await goals.book(siteId)).goals.some((g) => g.id === goalId && g.ownerId === user.id);
    await allowOnSite(store, user, siteId, 'check-in-on-goal', owns);
    await goals.checkIn(siteId, goalId, parse(CheckInBody, req.body), { id: user.id, name: user.name });
    res.status(201).json(await goals.overview(siteId));
  });

  router.post('/sites/:siteId/decisions', async (req, res) => {
    const user = signedInUser(res);
    const { siteId } = parse(SiteParams, req.params);
    // Between meetings the policy decides; at a meeting a decision is a meeting action (socket.io).
    await allowOnSite(store, user, siteId, 'record-decision');
    await goals.addDecision(siteId, parse(DecisionBody, req.body), user.id);
    res.status(201).json(await goals.overview(siteId));
  });

  router.patch('/sites/:siteId/goal-actions/:actionId', async (req, res) => {
    const user = signedInUser(res);
    const { siteId, actionId } = parse(ActionParams, req.params);
    const owns = (await goals.book(siteId)).actions.some((a) => a.id === actionId && a.ownerId === user.id);
    await allowOnSite(store, user, siteId, 'complete-action', owns);
    await goals.setActionDone(siteId, actionId, parse(ActionDoneBody, req.body).done);
    res.json(await goals.overview(siteId));
  });

  router.get('/meetings/:meetingId/goal-threads', async (req, res) => {
    const { meetingId } = parse(MeetingParams, req.params);
    const { meeting } = await allowOnMeeting(store, signedInUser(res).id, meetingId, 'see-meeting');
    res.json(await goals.threads(meeting));
  });

  return router;
}
