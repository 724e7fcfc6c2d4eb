import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { RequestHandler } from 'express';
import { renderToString } from 'react-dom/server';
import { StaticRouter } from 'react-router';
import { firstPageDataId, firstPageDataScript, type FirstPageData } from '@shared/api/first-data';
import { seedFirstData } from '../../client/src/api/first-data';
import { App } from '../../client/src/App';
import { toMe } from '../auth/routes';
import { userFromCookieHeader } from '../auth/sessions';
import type { Logger } from '../log';
import { siteSummariesFor } from '../sites/summaries';
import type { Store } from '../store';

/**
 * "Your sites", drawn by the server with the app's own components and sent with the data it was
 * drawn from: the list is on screen (its links work) as soon as the page and its stylesheet
 * arrive, and the app takes it over once its code has loaded, instead of drawing a blank page
 * until then. Someone not signed in goes straight to the sign-in page.
 */
export function yourSitesPage(deps: { store: Store; log: Logger; indexHtml: string; hints: string }): RequestHandler {
  const [before, after] = deps.indexHtml.split('<div id="root"></div>');
  if (after === undefined) throw new Error('index.html has no <div id="root"></div> to draw into');
  return async (req, res, next) => {
    let data: FirstPageData;
    try {
      const user = await userFromCookieHeader(deps.store, req.headers.cookie);
      if (!user) return res.redirect(303, '/sign-in');
      data = { me: toMe(user), sites: await siteSummariesFor(deps.store, user) };
    } catch (error) {
      // The app draws the page itself and says what it could not load.
      deps.log.warn({ err: error }, 'your sites could not be drawn on the server');
      return next();
    }
    const client = new QueryClient();
    seedFirstData(client, data);
    const body = renderToString(
      <QueryClientProvider client={client}>
        <StaticRouter location="/">
          <App />
        </StaticRouter>
      </QueryClientProvider>,
    );
    const page = `${before!.replace('<title>Link Programme</title>', '<title>Your sites – Link Programme</title>')}<div id="root">${body}</div><script type="application/json" id="${firstPageDataId}">${firstPageDataScript(data)}</script>${after}`;
    // Someone's own sites: kept by no cache, not even the browser's.
    res.set({ 'Cache-Control': 'no-store', Link: deps.hints }).type('html').send(page);
  };
}
