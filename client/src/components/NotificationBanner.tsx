import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The GOV.UK notification banner: a titled box at the top of the page. `alert` for what has just
 * happened to the person (announced at once), `region` for something standing to do. A `success`
 * alert takes focus when it appears, as GOV.UK Frontend's does, so it is read before the page.
 */
export function NotificationBanner({ id, title, role, success, children }: { id: string; title: string; role: 'alert' | 'region'; success?: boolean; children: ReactNode }) {
  const banner = useRef<HTMLDivElement>(null);
  const focused = success && role === 'alert';
  useEffect(() => {
    if (focused) banner.current?.focus();
  }, [focused]);
  return (
    <div ref={banner} className={`govuk-notification-banner${success ? ' govuk-notification-banner--success' : ''}`} role={role} aria-labelledby={id} tabIndex={focused ? -1 : undefined}>
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={id}>
          {title}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">{children}</div>
    </div>
  );
}
