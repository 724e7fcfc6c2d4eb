import type { ReactNode } from 'react';
import { Footer } from '../../../components/Footer';

/** The built stylesheet and script of the plain survey pages (hashed names, from the build). */
export interface SurveyAssets {
  stylesheet: string | null;
  script: string | null;
}

/**
 * A whole page of the school survey, sent by the server as plain HTML: it works without
 * JavaScript and needs nothing but a small stylesheet, so it is quick on any phone. The header
 * and footer look like the rest of the tool's.
 */
export function SurveyDocument({ title, hasErrors, assets, children }: { title: string; hasErrors: boolean; assets: SurveyAssets; children: ReactNode }) {
  return (
    <html lang="en-GB" className="govuk-template">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#0b0c0c" />
        <meta name="robots" content="noindex" />
        <title>{`${hasErrors ? 'Error: ' : ''}${title} – Link Programme`}</title>
        {assets.stylesheet && <link rel="stylesheet" href={assets.stylesheet} />}
        {assets.script && <script type="module" src={assets.script} />}
      </head>
      <body className="govuk-template__body">
        <a href="#main-content" className="govuk-skip-link">
          Skip to main content
        </a>
        <header className="app-header" role="banner">
          <div className="govuk-width-container app-header__inner">
            <span className="app-header__title">Link Programme</span>
          </div>
        </header>
        <div className="govuk-width-container">
          <main className="govuk-main-wrapper" id="main-content" role="main" tabIndex={-1}>
            {children}
          </main>
        </div>
        <Footer link={(props) => <a {...props} />} />
      </body>
    </html>
  );
}
