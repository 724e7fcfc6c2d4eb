import type { ReactNode } from 'react';
import { Footer } from '../../components/Footer';

/** The built stylesheet and script of the plain pages (hashed names, from the build). */
export interface PlainPageAssets {
  stylesheet: string | null;
  script: string | null;
}

/**
 * A whole page sent by the server as plain HTML (the school survey, signing in): it works
 * without JavaScript and needs nothing but a small stylesheet, so it is quick on any phone or
 * locked-down laptop. The header and footer look like the rest of the tool's.
 */
export function PlainDocument({ title, hasErrors, assets, prefetch = [], children }: { title: string; hasErrors: boolean; assets: PlainPageAssets; prefetch?: readonly string[]; children: ReactNode }) {
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
        {prefetch.map((href) => (
          <link key={href} rel="prefetch" href={href} />
        ))}
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
