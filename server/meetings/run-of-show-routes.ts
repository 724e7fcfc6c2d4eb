import { Router } from 'express';
import { defaultPlan, MeetingPlanBody, planRefusal, StoredMeetingPlan, type MeetingPlan } from '@shared/meetings/agenda';
import { FacilitatorScriptBody, scriptFor, StoredFacilitatorScript, type FacilitatorScript } from '@shared/meetings/script';
import { signedInUser } from '../auth/sessions';
import { HttpError, parse } from '../http/errors';
import { MeetingParams, SiteParams } from '../http/params';
import { allowOnSite } from '../sites/access';
import type { Store } from '../store';
import type { MeetingRecord } from '../store/store';
import { readVersioned, updateVersioned } from '../store/versioned';
import { requireFacilitator } from './access';

const noPlan = (): StoredMeetingPlan => ({ version: 0, phases: [] });
const noScript = (): StoredFacilitatorScript => ({ version: 0, phases: {} });

/** The meeting's plan: the facilitators' own if it still fits the booking (a moved meeting may not), else the default. */
async function planOf(store: Store, meeting: MeetingRecord): Promise<MeetingPlan> {
  const stored = await readVersioned(store, 'meeting-plan', meeting.id, noPlan, StoredMeetingPlan);
  const fits = stored.version > 0 && planRefusal(stored.phases, meeting.kind, meeting.durationMinutes) === null;
  return { phases: fits ? stored.phases : defaultPlan(meeting.kind, meeting.durationMinutes), bookedMinutes: meeting.durationMinutes, edited: fits };
}

async function scriptOf(store: Store, siteId: string, kind?: MeetingRecord['kind']): Promise<FacilitatorScript> {
  const stored = await readVersioned(store, 'facilitator-script', siteId, noScript, StoredFacilitatorScript);
  return scriptFor(stored.version > 0 ? stored : null, kind);
}

/**
 * The run of show, for facilitators only: the meeting's plan (time boxes per phase, changed
 * before the meeting) and the site's facilitator script. Neither is ever part of the meeting's
 * shared state: the script in particular reaches nobody but a facilitator.
 */
export function runOfShowRoutes(deps: { store: Store }) {
  const { store } = deps;
  const router = Router();

  router.get('/meetings/:meetingId/plan', async (req, res) => {
    const { meeting } = await requireFacilitator(store, signedInUser(res).id, parse(MeetingParams, req.params).meetingId);
    res.json(await planOf(store, meeting));
  });

  router.put('/meetings/:meetingId/plan', async (req, res) => {
    const { meeting } = await requireFacilitator(store, signedInUser(res).id, parse(MeetingParams, req.params).meetingId);
    const body = parse(MeetingPlanBody, req.body);
    if (meeting.status !== 'scheduled') throw new HttpError(409, 'The plan is changed before the meeting starts');
    const refusal = planRefusal(body.phases, meeting.kind, meeting.durationMinutes);
    if (refusal) throw new HttpError(422, refusal);
    await updateVersioned(store, 'meeting-plan', meeting.id, noPlan, (current) => ({ ok: true, value: { version: current.version + 1, phases: body.phases } }), StoredMeetingPlan);
    res.json(await planOf(store, meeting));
  });

  router.get('/meetings/:meetingId/script', async (req, res) => {
    const { meeting } = await requireFacilitator(store, signedInUser(res).id, parse(MeetingParams, req.params).meetingId);
    res.set('Cache-Control', 'no-store').json(await scriptOf(store, meeting.siteId, meeting.kind));
  });

  router.get('/sites/:siteId/facilitator-script', async (req, res) => {
    const { siteId } = parse(SiteParams, req.params);
    await allowOnSite(store, signedInUser(res), siteId, 'write-facilitator-script');
    res.set('Cache-Control', 'no-store').json(await scriptOf(store, siteId));
  });

  router.put('/sites/:siteId/facilitator-script', async (req, res) => {
    const { siteId } = parse(SiteParams, req.params);
    await allowOnSite(store, signedInUser(res), siteId, 'write-facilitator-script');
    const body = parse(FacilitatorScriptBody, req.body);
    await updateVersioned(store, 'facilitator-script', siteId, noScript, (current) => ({ ok: true, value: { version: current.version + 1, phases: body.phases } }), StoredFacilitatorScript);
    res.json(await scriptOf(store, siteId));
  });

  return router;
}
