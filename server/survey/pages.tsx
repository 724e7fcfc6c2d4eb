import crypto from 'node:crypto';
import compression from 'compression';
import * as cookie from 'cookie';
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import type { ReactNode } from 'react';
import { needsAccessCode } from '@shared/survey/api';
import { decodeDraft, encodeDraft, firstUnfinishedStep, readAboutYou, readSection, sectionOfStep, surveySteps, unfinishedSteps, type SurveyDraft } from '@shared/survey/draft';
import { formatDateTime } from '@shared/format';
import { PlainProblem } from '../../client/src/pages/plain/PlainProblem';
import { AboutYouPage, CheckPage, Progress, SectionPage, SentPage, StartPage, surveyErrors, type SurveyAbout } from '../../client/src/pages/survey/plain/pages';
import type { BuildManifest } from '../http/build-manifest';
import { HttpError } from '../http/errors';
import { plainPageAssets } from '../http/plain-page-assets';
import { plainProblemPage, sendPlainPage } from '../http/plain-pages';
import { countAgainst, ownPagesOnly } from '../http/security';
import type { Logger } from '../log';
import type { Store } from '../store';
import type { SurveyCampaignRecord } from '../store/store';
import { campaignStatus, type SurveyService } from './service';

const draftCookie = 'survey-draft';
const tokenPattern = /^[A-Za-z0-9_-]{16,64}$/;

interface Deps {
  store: Store;
  surveys: SurveyService;
  submitLimiter: RequestHandler;
  publicUrl: string;
  secureCookies: boolean;
  /** The built client's manifest, for the survey pages' own stylesheet and script. */
  manifest: BuildManifest;
  log: Logger;
}

/**
 * The school survey as plain HTML pages, one form per page posted back to the server, which
 * answers with a redirect to the next page (so reloading or going back never sends a form twice).
 * The answers so far live in a cookie for this survey's pages only, in the school's browser: we
 * keep nothing until the school sends the survey, and nothing here knows who they are.
 */
export function surveyPageRoutes(deps: Deps) {
  const { store, surveys } = deps;
  const router = Router();
  const assets = plainPageAssets(deps.manifest);
  const formBody = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 2000 });
  // A section's page is mostly repeated radio buttons: a tenth of its size once compressed.
  router.use('/s', compression());

  // Pages show a school's answers: never cached (sendPlainPage sees to it).
  const send = (res: Response, status: number, title: string, body: ReactNode, hasErrors = false) => sendPlainPage(res, { status, title, hasErrors, assets }, body);

  async function surveyAt(req: Request) {
    const token = String(req.params.token);
    const campaign = tokenPattern.test(token) ? await store.getCampaignByToken(token) : null;
    if (!campaign) throw new HttpError(404, 'There is no survey at this link. Check the link in your email, or ask the person who sent it.');
    const instrument = await surveys.instrumentOf(campaign);
    const base = `/s/${token}`;
    const about: SurveyAbout = { instrument, notice: instrument.notice, closesAt: campaign.closesAt, stepUrl: (step) => (step === 'start' ? base : `${base}/${step}`) };
    const draftText = cookie.parse(req.headers.cookie ?? '')[draftCookie];
    const draft = draftText ? decodeDraft(instrument, draftText) : null;
    return { token, base, campaign, instrument, survey: about, steps: surveySteps(instrument), draft };
  }

  /** Why the survey cannot be answered now, or null while it is open. */
  function notOpen(campaign: SurveyCampaignRecord): { title: string; message: string } | null {
    const status = campaignStatus(campaign);
    if (status === 'open') return null;
    return status === 'closed'
      ? { title: 'This survey has closed', message: `It closed on ${formatDateTime(campaign.closesAt)}. Answers can no longer be sent.` }
      : { title: 'This survey is not open yet', message: `It opens on ${formatDateTime(campaign.opensAt)}.` };
  }

  function keepDraft(res: Response, at: { base: string; campaign: SurveyCampaignRecord; instrument: Parameters<typeof encodeDraft>[0] }, draft: SurveyDraft) {
    // For this survey's pages only, gone when the survey closes, out of reach of scripts.
    res.cookie(draftCookie, encodeDraft(at.instrument, draft), { path: at.base, httpOnly: true, sameSite: 'strict', secure: deps.secureCookies, expires: new Date(at.campaign.closesAt) });
  }

  const refuseOtherSites = ownPagesOnly(deps.publicUrl, 'The survey can only be sent from its own pages.');

  router.get('/s/:token', async (req, res) => {
    const { campaign, instrument, survey, draft } = await surveyAt(req);
    const closed = notOpen(campaign);
    if (closed) return send(res, 200, closed.title, <PlainProblem {...closed} />);
    send(res, 200, instrument.title, <StartPage survey={survey} needsCode={needsAccessCode(campaign.accessMode)} personal={campaign.accessMode === 'personal'} code={draft?.accessCode ?? ''} errors={[]} />);
  });

  router.post('/s/:token', formBody, refuseOtherSites, async (req, res) => {
    const at = await surveyAt(req);
    const { campaign, instrument, survey } = at;
    const closed = notOpen(campaign);
    if (closed) return send(res, 409, closed.title, <PlainProblem {...closed} />);
    const needsCode = needsAccessCode(campaign.accessMode);
    const code = typeof req.body?.accessCode === 'string' ? req.body.accessCode.trim().slice(0, 40) : '';
    const refuse = (status: number, message: string) =>
      send(res, status, instrument.title, <StartPage survey={survey} needsCode personal={campaign.accessMode === 'personal'} code={code} errors={[{ field: 'accessCode', message }]} />, true);
    if (needsCode && !code) return refuse(400, 'Enter the access code your school or college was given');
    if (needsCode) {
      await countAgainst(deps.submitLimiter, req, res);
      try {
        await surveys.checkAccessCode(campaign, code);
      } catch (error) {
        if (error instanceof HttpError) return refuse(error.status, error.message);
        throw error;
      }
    }
    const accessCode = needsCode ? code : '';
    const started = at.draft && (Object.keys(at.draft.answers).length > 0 || Object.keys(at.draft.context).length > 0);
    const draft: SurveyDraft = started ? { ...at.draft!, accessCode } : { submissionId: crypto.randomUUID(), accessCode, context: {}, answers: {} };
    keepDraft(res, at, draft);
    // Someone coming back carries on where they stopped.
    res.redirect(303, `${at.base}/${started ? firstUnfinishedStep(instrument, draft) : 'about-you'}`);
  });

  router.get('/s/:token/sent', async (req, res) => {
    await surveyAt(req);
    send(res, 200, 'Survey sent', <SentPage />);
  });

  router.get('/s/:token/:step', async (req, res) => {
    const at = await surveyAt(req);
    const closed = notOpen(at.campaign);
    if (closed) return send(res, 200, closed.title, <PlainProblem {...closed} />);
    const step = String(req.params.step);
    if (!at.steps.includes(step)) throw new HttpError(404, 'There is no such page in this survey.');
    if (!at.draft) return res.redirect(303, at.base);
    page(res, 200, at, step, at.draft, {});
  });

  router.post('/s/:token/:step', formBody, refuseOtherSites, async (req, res) => {
    const at = await surveyAt(req);
    const step = String(req.params.step);
    const closed = notOpen(at.campaign);
    if (closed) return send(res, 409, closed.title, <PlainProblem message={`${closed.message} Your answers were not sent.`} title={closed.title} />);
    if (!at.steps.includes(step)) throw new HttpError(404, 'There is no such page in this survey.');
    // No draft: the cookie was refused or has gone. Start again rather than lose the next pages too.
    if (!at.draft) return res.redirect(303, at.base);
    if (step === 'check') return sendAnswers(req, res, at, at.draft);
    const form = (req.body ?? {}) as Record<string, unknown>;
    const section = sectionOfStep(at.instrument, step);
    const read = section ? readSection(at.instrument, section, form) : readAboutYou(at.instrument, form);
    const draft: SurveyDraft = 'context' in read ? { ...at.draft, context: read.context } : { ...at.draft, answers: { ...at.draft.answers, ...read.answers } };
    if (Object.keys(read.problems).length) return page(res, 400, at, step, draft, read.problems);
    keepDraft(res, at, draft);
    const next = req.query.from === 'check' ? 'check' : at.steps[at.steps.indexOf(step) + 1]!;
    res.redirect(303, `${at.base}/${next}`);
  });

  type At = Awaited<ReturnType<typeof surveyAt>>;

  function page(res: Response, status: number, at: At, step: string, draft: SurveyDraft, problems: Record<string, string>) {
    const { instrument, survey, steps } = at;
    const progress = <Progress page={steps.indexOf(step) + 1} of={steps.length} />;
    const hasErrors = Object.keys(problems).length > 0;
    if (step === 'about-you') {
      const errors = surveyErrors(problems, instrument.context.map((q) => q.id));
      return send(res, status, 'About you', <AboutYouPage survey={survey} draft={draft} errors={errors} progress={progress} />, hasErrors);
    }
    const section = sectionOfStep(instrument, step);
    if (section) {
      const errors = surveyErrors(problems, section.items.map((i) => i.id));
      const back = survey.stepUrl(steps[steps.indexOf(step) - 1]!);
      return send(res, status, section.title, <SectionPage survey={survey} section={section} draft={draft} errors={errors} progress={progress} back={back} />, hasErrors);
    }
    const errors = Object.values(problems).map((message) => ({ field: '', message }));
    send(res, status, 'Check your answers before sending', <CheckPage survey={survey} draft={draft} errors={errors} progress={progress} />, hasErrors);
  }

  async function sendAnswers(req: Request, res: Response, at: At, draft: SurveyDraft) {
    const { instrument, campaign } = at;
    const unfinished = unfinishedSteps(instrument, draft);
    if (unfinished.length) {
      const messages = unfinished.map((step) => {
        const section = sectionOfStep(instrument, step);
        return section ? `Answer every question in “${section.title}”` : 'Answer the questions in “About you”';
      });
      return page(res, 400, at, 'check', draft, Object.fromEntries(messages.map((message, i) => [String(i), message])));
    }
    await countAgainst(deps.submitLimiter, req, res);
    const code = needsAccessCode(campaign.accessMode) ? draft.accessCode : null;
    try {
      await surveys.submit(campaign, { answers: draft.answers, context: draft.context }, code, draft.submissionId);
    } catch (error) {
      if (error instanceof HttpError && error.status < 500) return page(res, error.status, at, 'check', draft, { accessCode: error.fields?.accessCode ?? error.message });
      throw error;
    }
    res.clearCookie(draftCookie, { path: at.base, httpOnly: true, sameSite: 'strict', secure: deps.secureCookies });
    res.redirect(303, `${at.base}/sent`);
  }

  const problemPage = plainProblemPage(assets, deps.log, {
    unreadable: 'Your answers could not be read. Go back and try again.',
    unavailable: 'We could not save that just now, and nothing was sent. Go back and try again in a few minutes: your answers are still in this browser.',
    unexpected: 'Something went wrong on our side. Go back and try again later: your answers are still in this browser.',
  });
  router.use('/s', problemPage);
  return router;
}
