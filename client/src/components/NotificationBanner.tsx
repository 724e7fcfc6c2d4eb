import type { ReactNode } from 'react';

/**
 * The GOV.UK notification banner: a titled box at the top of the page. `alert` for what has just
 * happened to the person (announced at once), `region` for something standing to do.
 */
export function NotificationBanner({ id, title, role, children }: { id: string; title: string; role: 'alert' | 'region'; children: ReactNode }) {
  return (
    <div className="govuk-notification-banner" role={role} aria-labelledby={id}>
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={id}>
          {title}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">{children}</div>
    </div>
  );
}
