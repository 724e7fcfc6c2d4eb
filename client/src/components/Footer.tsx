import type { ReactNode } from 'react';

/** How a page makes a link: the app's router link, or a plain `<a>` on the server-made survey pages. */
export type MakeLink = (props: { href: string; className: string; children: ReactNode }) => ReactNode;

/** Every page's footer: the privacy notice and the accessibility statement. */
export function Footer({ link }: { link: MakeLink }) {
  return (
    <footer className="govuk-footer" role="contentinfo">
      <div className="govuk-width-container">
        <h2 className="govuk-visually-hidden">Support links</h2>
        <ul className="govuk-footer__inline-list">
          <li className="govuk-footer__inline-list-item">{link({ href: '/privacy', className: 'govuk-footer__link', children: 'Privacy notice' })}</li>
          <li className="govuk-footer__inline-list-item">{link({ href: '/accessibility', className: 'govuk-footer__link', children: 'Accessibility statement' })}</li>
        </ul>
      </div>
    </footer>
  );
}
