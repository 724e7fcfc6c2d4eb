import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Router, type Request, type Response } from 'express';
import { prerender } from 'react-dom/static';
import { StaticRouter } from 'react-router';
import { firstPageDataId, firstPageDataScript, type FirstPageData } from '@shared/api/first-data';
import { signInPath } from '@shared/api/return-path';
import { FirstDataContext, seedFirstData } from '../../client/src/api/first-data';
import { App } from '../../client/src/App';
import { toMe } from '../auth/routes';
import { userFromCookieHeader } from '../auth/sessions';
import type { GoalService } from '../goals/service';
import { loggablePath, type Logger } from '../log';
import { HttpError } from './errors';
import { setDrawnPageHeaders } from './plain-pages';
import { meetingDetailFor } from '../meetings/detail';
import type { FacilitationService } from '../meetings/facilitation-service';
import { siteSummariesFor } from '../sites/summaries';
import type { SurveyService } from '../survey/service';
import { resultsReader } from '../survey/access';
import { drawnSurveysOf } from '../survey/summary';
import type { Store } from '../store';
import type { UserRecord } from '../store/store';

interface Deps {
  store: Store;
  facilitation: FacilitationService;
  goals: GoalService;
  surveys: SurveyService;
  publicUrl: string;
  log: Logger;
  /** The built app's page, drawn into at its `<div id="root"></div>`. */
  indexHtml: string;
  /** The script tag that starts loading a drawn page's code before the app runs, or nothing. */
  earlyCodeFor: (pathname: string) => string;
}

/** The page as the browser would draw it for this person, waiting for its lazily loaded code. */
async function draw(location: string, data: FirstPageData): Promise<string> {
  const client = new QueryClient();
  seedFirstData(client, data);
  const { prelude } = await prerender(
    <QueryClientProvider client={client}>
      <FirstDataContext value={data}>
        <StaticRouter location={location}>
          <App />
        </StaticRouter>
      </FirstDataContext>
    </QueryClientProvider>,
  );
  return new Response(prelude).text();
}

/** Each page's title is its heading and the service's name, as the app sets it once running. */
function titleOf(body: string): string {
  const heading = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(body)?.[1]?.replace(/<[^>]+>/g, '').trim();
  return `${heading ? `${heading} – ` : ''}Link Programme`;
}

/**
 * The pages people open first and wait for longest, drawn by the server with the app's own
 * components and sent with the data they were drawn from: "your sites" after signing in, and a
 * live meeting's board. What they show (and their links) is there as soon as the page and its
 * stylesheet arrive; the app takes it over (hydrates) once its code has loaded, instead of a
 * blank page until then. Someone not signed in goes straight to the sign-in page. Anything else
 * (a meeting not live, one the person may not see, a store that fails) is left to the app.
 */
export function firstRenderRoutes(deps: Deps) {
  const { store } = deps;
  const [before, after] = deps.indexHtml.split('<div id="root"></div>');
  if (after === undefined) throw new Error('index.html has no <div id="root"></div> to draw into');
  const router = Router();

  async function send(req: Request, res: Response, data: FirstPageData) {
    const body = await draw(req.path, data);
    const head = before!.replace('<title>Link Programme</title>', `<title>${titleOf(body)}</title>`).replace('<script type="module"', `${deps.earlyCodeFor(req.path)}<script type="module"`);
    const page = `${head}<div id="root">${body}</div><script type="application/json" id="${firstPageDataId}">${firstPageDataScript(data)}</script>${after}`;
    setDrawnPageHeaders(res);
    res.type('html').send(page);
  }

  /**
   * Draws `page` for a signed-in person; anyone else is sent to sign in and come back. A page
   * that cannot be drawn here (a refusal, the store, a fault in drawing) is left to the app,
   * which says what went wrong in its own words.
   */
  const signedIn = (page: (req: Request, user: UserRecord) => Promise<FirstPageData | null>) => async (req: Request, res: Response, next: () => void) => {
    try {
      const user = await userFromCookieHeader(store, req.headers.cookie);
      if (!user) return res.redirect(303, signInPath(req.originalUrl));
      const data = await page(req, user);
      if (!data) return next();
      await send(req, res, data);
    } catch (error) {
      if (!(error instanceof HttpError)) deps.log.warn({ err: error, path: loggablePath(req.path) }, 'page left for the app to draw');
      next();
    }
  };

  router.get(
    '/',
    signedIn(async (_req, user) => ({ me: toMe(user), sites: await siteSummariesFor(store, user) })),
  );
  router.get(
    '/meetings/:meetingId',
    signedIn(async (req, user) => {
      const meeting = await meetingDetailFor(deps, user.id, String(req.params.meetingId));
      if (meeting.meeting.status !== 'live' || !meeting.participates) return null;
      // The welcome shows the site's latest survey: drawn with it, instead of "Loading the survey…".
      const surveys = meeting.live?.phase === 'welcome' ? await drawnSurveysOf(deps, meeting.meeting.siteId, await resultsReader(store, user, meeting.meeting.siteId)) : undefined;
      return { me: toMe(user), meeting, surveys };
    }),
  );
  return router;
}
