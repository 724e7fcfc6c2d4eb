import crypto from 'node:crypto';
import { completedWords } from '@shared/survey/count';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { effectiveThreshold, type ResultsQuery } from '@shared/survey/anonymity';
import { AccessCodeCheckBody, AccessCodesBody, SurveyDatesBody, CreateCampaignBody, surveyWindowFrom, needsAccessCode, SubmitResponseBody, type PublicSurvey } from '@shared/survey/api';
import { InstrumentFile } from '@shared/survey/instrument';
import { signedInUser } from '../auth/sessions';
import { HttpError, parse } from '../http/errors';
import { toCsv } from '../http/csv';
import { CampaignParams, SiteParams } from '../http/params';
import { allowOnAccount, allowOnSite, requireMembership } from '../sites/access';
import { programmePlanOf } from '../programme/timeline';
import type { Store } from '../store';
import type { SurveyCampaignRecord } from '../store/store';
import { allowOnCampaign, resultsReader } from './access';
import { campaignStatus, hashAccessCode, newAccessCode, type SurveyService } from './service';
import { campaignSummaries } from './summary';

const TokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'This survey link is not valid') });
const ResultsQueryParams = z.object({
  breakdown: z.string().max(48).optional(),
  filter: z.record(z.string().max(48), z.string().max(48)).optional(),
});

const closedForGood = 'A survey that has closed stays closed, so that its final count cannot be compared with a later one. Open a new survey to ask again';

export function surveyRoutes(deps: { store: Store; surveys: SurveyService; publicUrl: string }) {
  const { store, surveys } = deps;
  const router = Router();
  const { summary, ofSite } = campaignSummaries(deps);

  router.post('/sites/:siteId/surveys', async (req, res) => {
    const user = signedInUser(res);
    const { siteId } = parse(SiteParams, req.params);
    await allowOnSite(store, user, siteId, 'open-survey');
    const body = parse(CreateCampaignBody, req.body);
    await surveys.instrumentOf({ instrumentId: body.instrumentId, instrumentVersion: body.instrumentVersion });
    const planned = surveyWindowFrom(await programmePlanOf(store, siteId), new Date());
    if ((!body.opensAt || !body.closesAt) && !planned) {
      throw new HttpError(400, 'The survey dates in the site’s programme have passed: enter when the survey opens and closes', { opensAt: 'Enter when the survey opens' });
    }
    const opensAt = body.opensAt ? new Date(body.opensAt).toISOString() : planned!.opensAt;
    const closesAt = body.closesAt ? new Date(body.closesAt).toISOString() : planned!.closesAt;
    if (closesAt <= opensAt) throw new HttpError(400, 'The survey must close after it opens', { closesAt: 'The survey must close after it opens' });
    const campaign: SurveyCampaignRecord = {
      id: crypto.randomUUID(),
      siteId,
      instrumentId: body.instrumentId,
      instrumentVersion: body.instrumentVersion,
      publicToken: crypto.randomBytes(18).toString('base64url'),
      opensAt,
      closesAt,
      accessMode: body.accessMode,
      threshold: effectiveThreshold(body.threshold),
      createdBy: user.id,
      createdAt: new Date().toISOString(),
      dateChanges: [],
      answersDeletedOn: null,
    };
    await store.createCampaign(campaign);
    const site = await store.getSite(siteId);
    res.status(201).json(await summary(campaign, site?.name ?? ''));
  });

  // Closing early, extending or moving a survey; each change is kept with who made it.
  router.patch('/surveys/:campaignId', async (req, res) => {
    const user = signedInUser(res);
    const campaign = await allowOnCampaign(store, user, parse(CampaignParams, req.params).campaignId, 'open-survey');
    const dates = parse(SurveyDatesBody, req.body);
    // Once closed, its exact count is shown: opening it again and closing it later would tell,
    // from the difference, how many answered in between, and when.
    if (campaignStatus(campaign) === 'closed') throw new HttpError(409, closedForGood);
    const opensAt = new Date(dates.opensAt).toISOString();
    const closesAt = new Date(dates.closesAt).toISOString();
    if (campaignStatus(campaign) !== 'not-open' && opensAt !== campaign.opensAt) {
      throw new HttpError(422, 'The survey has already opened, so its opening date stays as it was', { opensAt: 'The survey has already opened, so its opening date stays as it was' });
    }
    const changed = { ...campaign, opensAt, closesAt, dateChanges: [...campaign.dateChanges, { at: new Date().toISOString(), by: user.name, opensAt, closesAt }] };
    await store.saveCampaign(changed);
    const site = await store.getSite(campaign.siteId);
    res.json(await summary(changed, site?.name ?? ''));
  });

  router.get('/sites/:siteId/surveys', async (req, res) => {
    const { siteId } = parse(SiteParams, req.params);
    await requireMembership(store, signedInUser(res), siteId);
    res.json(await ofSite(siteId));
  });

  router.get('/surveys/:campaignId', async (req, res) => {
    const campaign = await allowOnCampaign(store, signedInUser(res), parse(CampaignParams, req.params).campaignId);
    const site = await store.getSite(campaign.siteId);
    res.json(await summary(campaign, site?.name ?? ''));
  });

  router.post('/surveys/:campaignId/codes', async (req, res) => {
    const user = signedInUser(res);
    const { campaignId } = parse(CampaignParams, req.params);
    const campaign = await allowOnCampaign(store, user, campaignId);
    await allowOnCampaign(store, user, campaignId, campaign.accessMode === 'codes' ? 'issue-access-codes' : 'hand-out-survey-access');
    const { count } = parse(AccessCodesBody, req.body);
    if (campaign.accessMode === 'open') throw new HttpError(409, 'This survey is open to anyone with the link; it does not use access codes');
    if (campaign.accessMode === 'personal') throw new HttpError(409, 'This survey emails each school its own link; no codes are shown to anyone');
    const codes = Array.from({ length: count }, newAccessCode);
    await store.addAccessCodes(campaign.id, codes.map(hashAccessCode));
    // The codes are shown this once; only their hashes are kept.
    res.status(201).json({ codes });
  });

  router.get('/surveys/:campaignId/results', async (req, res) => {
    const user = signedInUser(res);
    const campaign = await allowOnCampaign(store, user, parse(CampaignParams, req.params).campaignId);
    // ?breakdown=setting, or ?filter.setting=primary&filter.role=teacher
    const raw = req.query as Record<string, unknown>;
    const filterEntries = Object.entries(raw).filter(([key]) => key.startsWith('filter.')).map(([key, value]) => [key.slice(7), value]);
    const params = parse(ResultsQueryParams, { breakdown: raw.breakdown, filter: filterEntries.length ? Object.fromEntries(filterEntries) : undefined });
    const query: ResultsQuery = params.breakdown ? { kind: 'breakdown', question: params.breakdown } : params.filter ? { kind: 'filter', filters: params.filter } : { kind: 'all' };
    res.json(await surveys.results(campaign, query, await resultsReader(store, user, campaign.siteId)));
  });

  router.get('/surveys/:campaignId/export.csv', async (req, res) => {
    const user = signedInUser(res);
    const campaign = await allowOnCampaign(store, user, parse(CampaignParams, req.params).campaignId);
    const instrument = await surveys.instrumentOf(campaign);
    const [overall, ...breakdowns] = await surveys.resultsFor(campaign, [
      { kind: 'all' },
      ...instrument.context.map((q) => ({ kind: 'breakdown' as const, question: q.id })),
    ], await resultsReader(store, user, campaign.siteId));
    const rows: (string | number)[][] = [['measure', 'group', 'from the first', 'responses', 'mean', 'sd']];
    rows.push(['completed surveys', 'all', '', completedWords(overall!), '', '']);
    if (overall!.answer.kind === 'results') {
      const { results, asOf } = overall!.answer;
      for (const f of results.factors) rows.push([`factor: ${f.label}`, 'all', asOf, f.n, f.mean, f.sd]);
      for (const s of results.scales) rows.push([`scale: ${s.label}`, 'all', asOf, s.n, s.mean, s.sd]);
      for (const [index, question] of instrument.context.entries()) {
        const breakdown = breakdowns[index]!.answer;
        if (breakdown.kind !== 'breakdown') continue;
        for (const group of breakdown.groups) {
          if (!group.results) continue;
          for (const f of group.results.factors) rows.push([`factor: ${f.label}`, `${question.id}: ${group.label}`, group.asOf!, f.n, f.mean, f.sd]);
        }
      }
    }
    res.type('text/csv').attachment('survey-results.csv').send(toCsv(rows));
  });

  router.post('/instruments', async (req, res) => {
    const user = signedInUser(res);
    allowOnAccount(user, 'import-instrument');
    const instrument = parse(InstrumentFile, req.body);
    await store.saveInstrument(instrument.id, instrument.version, JSON.stringify(instrument));
    res.status(201).json({ id: instrument.id, version: instrument.version, title: instrument.title });
  });

  return router;
}

/**
 * Public, for schools: no sign-in, and nothing here sets a cookie or keeps who asked. Mounted
 * before the signed-in routes so a survey deadline's burst skips their session lookups.
 */
export function publicSurveyRoutes(deps: { store: Store; surveys: SurveyService; submitLimiter: RequestHandler }) {
  const { store, surveys } = deps;
  const router = Router();
  /** The survey a school's link points to, or a 404 that says so. */
  const campaignAt = async (token: string) => {
    const campaign = await store.getCampaignByToken(token);
    if (!campaign) throw new HttpError(404, 'There is no survey at this link. Check the link in your email.');
    return campaign;
  };
  /** The same, refused with a 409 unless it is open now. */
  const openCampaign = async (token: string) => {
    const campaign = await campaignAt(token);
    const status = campaignStatus(campaign);
    if (status !== 'open') throw new HttpError(409, status === 'closed' ? 'This survey has closed' : 'This survey is not open yet');
    return campaign;
  };
  router.get('/public/surveys/:token', async (req, res) => {
    const { token } = parse(TokenParams, req.params);
    const campaign = await campaignAt(token);
    const instrument = await surveys.instrumentOf(campaign);
    const reply: PublicSurvey = {
      title: instrument.title,
      demonstration: instrument.demonstration,
      notice: instrument.notice,
      status: campaignStatus(campaign),
      opensAt: campaign.opensAt,
      closesAt: campaign.closesAt,
      needsCode: needsAccessCode(campaign.accessMode),
      instrument,
    };
    res.json(reply);
  });

  // Counted with submissions by the same limiter, so checking is no faster way to guess codes.
  router.post('/public/surveys/:token/access-code', deps.submitLimiter, async (req, res) => {
    const { token } = parse(TokenParams, req.params);
    const { accessCode } = parse(AccessCodeCheckBody, req.body);
    const campaign = await openCampaign(token);
    await surveys.checkAccessCode(campaign, accessCode);
    res.status(204).end();
  });

  router.post('/public/surveys/:token/responses', deps.submitLimiter, async (req, res) => {
    const { token } = parse(TokenParams, req.params);
    const body = parse(SubmitResponseBody, req.body);
    const campaign = await openCampaign(token);
    if (needsAccessCode(campaign.accessMode) && !body.accessCode) {
      throw new HttpError(400, 'Enter the access code your school or college was given', { accessCode: 'Enter the access code your school or college was given' });
    }
    await surveys.submit(campaign, { answers: body.answers, context: body.context }, needsAccessCode(campaign.accessMode) ? body.accessCode! : null, body.submissionId ?? null);
    res.status(201).json({ ok: true });
  });

  return router;
}
