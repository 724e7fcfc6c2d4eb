import type { ErrorRequestHandler, Response } from 'express';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { PlainDocument, type PlainPageAssets } from '../../client/src/pages/plain/PlainDocument';
import { PlainProblem } from '../../client/src/pages/plain/PlainProblem';
import { loggablePath, type Logger } from '../log';
import { describeFailure, logFailure } from './errors';

/** How one plain page is sent: its status, title, whether it shows errors, what to fetch for later. */
interface PlainPage {
  status: number;
  title: string;
  hasErrors?: boolean;
  assets: PlainPageAssets;
  prefetch?: readonly string[];
}

/**
 * The headers of every page the server draws: never cached (they show what someone typed or
 * answered, or their own sites and meetings), and a referrer policy under which their form posts
 * carry their origin: helmet's `no-referrer` makes it `Origin: null`, which our origin check refuses.
 */
export function setDrawnPageHeaders(res: Response): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'same-origin');
}

/** Sends a whole plain page rendered on the server. */
export function sendPlainPage(res: Response, page: PlainPage, body: ReactNode): void {
  const html = renderToStaticMarkup(
    <PlainDocument title={page.title} hasErrors={page.hasErrors ?? false} assets={page.assets} prefetch={page.prefetch}>
      {body}
    </PlainDocument>,
  );
  setDrawnPageHeaders(res);
  res.status(page.status).type('html').send(`<!doctype html>${html}`);
}

/** What a group of plain pages says when something fails that is not one of our refusals. */
interface ProblemWords {
  /** The request could not be read (a body too large, a broken form). */
  unreadable: string;
  /** The store is out of reach: nothing was saved. */
  unavailable: string;
  /** A fault of ours. */
  unexpected: string;
}

/** The error page of a group of plain pages: classified as the API does, in the pages' own words. */
export function plainProblemPage(assets: PlainPageAssets, log: Logger, words: ProblemWords): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const failure = describeFailure(error);
    logFailure(log, failure, error, { method: req.method, path: loggablePath(req.path) });
    const show = (title: string, message: string) => sendPlainPage(res, { status: failure.status, title, assets }, <PlainProblem title={title} message={message} />);
    switch (failure.kind) {
      case 'refused':
        return show(failure.status === 404 ? 'Page not found' : 'There is a problem', failure.message);
      case 'unreadable':
        return show('There is a problem', words.unreadable);
      case 'unavailable':
        return show('Sorry, there is a problem', words.unavailable);
      case 'unexpected':
        return show('Sorry, there is a problem', words.unexpected);
    }
  };
}
