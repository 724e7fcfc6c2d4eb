import { Router } from 'express';
import crypto from 'node:crypto';
import { EvaluationBook, EvaluationResponseBody, summariseEvaluation, type ShownFigures } from '@shared/evaluation/questions';
import { signedInUser } from '../auth/sessions';
import { HttpError, parse } from '../http/errors';
import { SiteParams } from '../http/params';
import { allowOnAccount, allowOnSite } from '../sites/access';
import type { Store } from '../store';
import { updateVersioned } from '../store/versioned';
import { attendedWhenClosed, emptyEvaluation, shownFigures, siteEvaluation, siteEvaluationData } from './service';


/** The stakeholders' evaluation surveys: anyone on a site answers; facilitators see totals and means. */
export function evaluationRoutes(deps: { store: Store }) {
  const { store } = deps;
  const router = Router();

  router.post('/sites/:siteId/evaluation', async (req, res) => {
    const user = signedInUser(res);
    const { siteId } = parse(SiteParams, req.params);
    await allowOnSite(store, user, siteId, 'answer-evaluation');
    const body = parse(EvaluationResponseBody, req.body);
    if (body.meetingId) {
      const meeting = await store.getMeeting(body.meetingId);
      if (meeting?.siteId !== siteId) throw new HttpError(400, 'That meeting is not one of this site’s', { meetingId: 'Choose a meeting of this site' });
      const attended = await attendedWhenClosed(store, body.meetingId);
      if (!attended) throw new HttpError(422, 'Feedback on a meeting is given once it has closed', { meetingId: 'Give feedback once the meeting has closed' });
      if (!attended.has(user.id)) throw new HttpError(403, 'Feedback on a meeting is given only by the people its record lists as attending it');
    }
    await updateVersioned(store, 'evaluation', siteId, emptyEvaluation, (current) => {
      // Answering again replaces the earlier answers to the same survey.
      const others = current.responses.filter((r) => !(r.userId === user.id && r.kind === body.kind && r.meetingId === body.meetingId));
      const response = { id: crypto.randomUUID(), kind: body.kind, meetingId: body.meetingId, userId: user.id, answers: body.answers, submittedAt: new Date().toISOString() };
      return { ok: true, value: { ...current, version: current.version + 1, responses: [...others, response] } };
    }, EvaluationBook);
    res.status(201).json({ ok: true });
  });

  router.get('/sites/:siteId/evaluation', async (req, res) => {
    const { siteId } = parse(SiteParams, req.params);
    await allowOnSite(store, signedInUser(res), siteId, 'see-evaluation');
    res.json(await siteEvaluation(store, siteId));
  });

  /** Across every site the facilitator runs: each site's summary and all of them together. */
  router.get('/evaluation', async (_req, res) => {
    const user = signedInUser(res);
    allowOnAccount(user, 'see-programme');
    const sites = (await store.listUserMemberships(user.id)).filter((m) => m.role === 'facilitator');
    const perSite = [];
    const all = [];
    const shown: ShownFigures[] = [];
    let invited = 0;
    for (const { siteId } of sites) {
      const data = await siteEvaluationData(store, siteId);
      const figures = await shownFigures(store, siteId, data.responses);
      perSite.push({ siteId, siteName: (await store.getSite(siteId))?.name ?? '', summary: { ...summariseEvaluation(data.responses, data.invited, [figures]), answersDeletedOn: data.answersDeletedOn } });
      all.push(...data.responses);
      shown.push(figures);
      invited += data.invited;
    }
    // Only sums of what each site shows, so the overall figures reveal nothing new.
    res.json({ perSite, overall: summariseEvaluation(all, invited, shown) });
  });

  return router;
}
