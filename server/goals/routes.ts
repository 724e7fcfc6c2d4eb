import { Router } from 'express';
import { z } from 'zod';
import { AddGoalActionBody, EditGoalBody, type GoalsOverview } from '@shared/goals/book';
import { ukDay } from '@shared/dates';
import { meetingKindLabels } from '@shared/meetings/meeting';
import { tieLabel } from '@shared/goals/meeting-records';
import { signedInUser } from '../auth/sessions';
import { parse } from '../http/errors';
import { toCsv } from '../http/csv';
import { SiteParams } from '../http/params';
import { allowOnSite, requireMembership } from '../sites/access';
import type { Store } from '../store';
import type { GoalService } from './service';

const GoalParams = SiteParams.extend({ goalId: z.string().min(1).max(64) });

/** One row per goal rating, then one per action: what evaluators put in a spreadsheet. */
function goalsCsv(overview: GoalsOverview): string {
  const rows: (string | number)[][] = [['Record', 'Goal number', 'Goal', 'Meeting', 'Date', 'Rating (0–10)', 'Change from baseline', 'Action', 'Owner', 'Due', 'Done']];
  for (const { goal, series, progress, openActions, doneActions } of overview.goals) {
    const baseline = progress.baseline;
    for (const point of series) {
      rows.push(['Rating', goal.position, goal.draft.wording, meetingKindLabels[point.meetingKind], ukDay(point.meetingDate), point.rating, baseline === null ? '' : point.rating - baseline, '', '', '', '']);
    }
    for (const action of [...openActions, ...doneActions]) {
      rows.push(['Action', goal.position, goal.draft.wording, '', '', '', '', action.what, action.owner, action.due, action.done ? 'Yes' : 'No']);
    }
  }
  // Actions about a domain (or the programme as a whole): no goal, the domain in its place.
  for (const action of overview.otherActions) {
    rows.push(['Action', '', tieLabel(action, []) ?? '', '', '', '', '', action.what, action.owner, action.due, action.done ? 'Yes' : 'No']);
  }
  return toCsv(rows);
}

/** The site's goals between meetings: progress, audited changes by the lead or a facilitator, actions. */
export function goalRoutes(deps: { store: Store; goals: GoalService }) {
  const { store, goals } = deps;
  const router = Router();

  router.get('/sites/:siteId/goals', async (req, res) => {
    const { siteId } = parse(SiteParams, req.params);
    await requireMembership(store, signedInUser(res), siteId);
    res.json(await goals.overview(siteId));
  });

  router.get('/sites/:siteId/goals/export.csv', async (req, res) => {
    const { siteId } = parse(SiteParams, req.params);
    await requireMembership(store, signedInUser(res), siteId);
    res.type('text/csv').attachment('goals-and-progress.csv').send(goalsCsv(await goals.overview(siteId)));
  });

  router.put('/sites/:siteId/goals/:goalId', async (req, res) => {
    const user = signedInUser(res);
    const { siteId, goalId } = parse(GoalParams, req.params);
    await allowOnSite(store, user, siteId, 'edit-goals');
    const body = parse(EditGoalBody, req.body);
    await goals.edit(siteId, goalId, body, { id: user.id, name: user.name });
    res.json(await goals.overview(siteId));
  });

  router.post('/sites/:siteId/goals/:goalId/actions', async (req, res) => {
    const user = signedInUser(res);
    const { siteId, goalId } = parse(GoalParams, req.params);
    await requireMembership(store, user, siteId);
    await goals.addAction(siteId, goalId, parse(AddGoalActionBody, req.body), user.id);
    res.status(201).json(await goals.overview(siteId));
  });

  return router;
}
