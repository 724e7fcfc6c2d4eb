import { Router } from 'express';
import { ProgrammePlan } from '@shared/programme/plan';
import { SchoolSurveyChoice } from '@shared/programme/school-survey';
import { signedInUser } from '../auth/sessions';
import { parse } from '../http/errors';
import { SiteParams } from '../http/params';
import { allowOnSite, requireMembership } from '../sites/access';
import type { Store } from '../store';
import { existingSite, setProgrammePlan, setSchoolSurveyChoice, timelineFor } from './timeline';

/** The site's programme dates (facilitators set them), whether it runs the school survey, and its timeline. */
export function timelineRoutes(deps: { store: Store }) {
  const { store } = deps;
  const router = Router();

  router.get('/sites/:siteId/timeline', async (req, res) => {
    const user = signedInUser(res);
    const { siteId } = parse(SiteParams, req.params);
    const membership = await requireMembership(store, user, siteId);
    res.json(await timelineFor(store, await existingSite(store, siteId), { userId: user.id, role: membership.role }));
  });

  router.put('/sites/:siteId/programme-plan', async (req, res) => {
    const user = signedInUser(res);
    const { siteId } = parse(SiteParams, req.params);
    await allowOnSite(store, user, siteId, 'set-programme-dates');
    const plan = parse(ProgrammePlan, req.body);
    const site = await existingSite(store, siteId);
    await setProgrammePlan(store, site, plan);
    res.json(await timelineFor(store, site, { userId: user.id, role: 'facilitator' }));
  });

  // Whoever manages the survey may say the site is not running it (guide section 3: it is optional).
  router.put('/sites/:siteId/school-survey-choice', async (req, res) => {
    const user = signedInUser(res);
    const { siteId } = parse(SiteParams, req.params);
    const membership = await allowOnSite(store, user, siteId, 'open-survey');
    const choice = parse(SchoolSurveyChoice, req.body);
    const site = await existingSite(store, siteId);
    await setSchoolSurveyChoice(store, site.id, choice);
    res.json(await timelineFor(store, site, { userId: user.id, role: membership.role }));
  });

  return router;
}
