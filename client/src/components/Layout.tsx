import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { queryKeys, useMe, useSignOut } from '../api/hooks';
import { onSessionEnded } from '../realtime/session-ended';
import { Footer } from './Footer';
import { NotificationBanner } from './NotificationBanner';

export function Layout({ children }: { children: ReactNode }) {
  const me = useMe();
  const { pathname } = useLocation();
  const [main, setMain] = useState<HTMLElement | null>(null);
  useTitleFromHeading(main);
  useFocusOnNewPage(main, pathname);
  // The presenter view is shared on a video call: no links or buttons, and the whole width.
  const presenting = /^\/meetings\/[^/]+\/present$/.test(pathname);
  const signOut = useSignOut();
  const navigate = useNavigate();
  const sessionEnded = useSessionEndedElsewhere();
  return (
    <>
      <a href="#main-content" className="govuk-skip-link">
        Skip to main content
      </a>
      <header className={`app-header${presenting ? ' app-header--presenting' : ''}`} role="banner">
        <div className={`${presenting ? 'app-presenter-container' : 'govuk-width-container'} app-header__inner`}>
          {presenting ? (
            <span className="app-header__title">Link Programme</span>
          ) : (
            <Link to="/" className="app-header__title">
              Link Programme
            </Link>
          )}
          {me.data && !presenting && (
            <div className="app-header__account">
              <span>Signed in as {me.data.name}</span>
              {me.data.abilities.includes('administer') && (
                <Link className="app-header__link" to="/administration">
                  Administration
                </Link>
              )}
              <Link className="app-header__link" to="/account">
                Your account
              </Link>
              {/* A form, so that signing out works before the app's code has loaded (a page drawn by the server). */}
              <form
                method="post"
                action="/sign-out"
                onSubmit={(event) => {
                  event.preventDefault();
                  signOut.mutate(undefined, { onSuccess: () => navigate('/sign-in') });
                }}
              >
                <button type="submit" className="govuk-button govuk-button--secondary">
                  Sign out
                </button>
              </form>
            </div>
          )}
        </div>
      </header>
      <div className={presenting ? 'app-presenter-container' : 'govuk-width-container'}>
        <main ref={setMain} className="govuk-main-wrapper" id="main-content" role="main" tabIndex={-1}>
          {sessionEnded && (
            <NotificationBanner id="session-ended-title" title="Signed out" role="alert">
              <p className="govuk-notification-banner__heading">{sessionEnded}</p>
              <Link className="govuk-notification-banner__link" to={`/sign-in?returnTo=${encodeURIComponent(pathname)}`} reloadDocument>
                Sign in again
              </Link>
            </NotificationBanner>
          )}
          {children}
        </main>
      </div>
      {!presenting && <Footer link={({ href, ...props }) => <Link to={href} {...props} />} />}
    </>
  );
}

/**
 * Why this tab was signed out by another (signing out, a password change), once the server has
 * said so: the header stops saying "Signed in as …" and the page says what happened.
 */
function useSessionEndedElsewhere(): string | null {
  const [message, setMessage] = useState<string | null>(null);
  const client = useQueryClient();
  useEffect(
    () =>
      onSessionEnded((said) => {
        setMessage(said);
        client.setQueryData(queryKeys.me, null);
      }),
    [client],
  );
  const me = useMe();
  return me.data ? null : message;
}

export function Loading() {
  return (
    <p className="govuk-body" role="status">
      Loading…
    </p>
  );
}

export function ProblemPage({ title, message }: { title: string; message: string }) {
  return (
    <>
      <h1 className="govuk-heading-l">{title}</h1>
      <p className="govuk-body">{message}</p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/">
          Go to your sites
        </Link>
      </p>
    </>
  );
}

/**
 * Every page's `<title>` is its main heading and the service's name, as GOV.UK pages are titled,
 * with "Error: " first while the page shows an error summary. Taken from the page as it renders,
 * so no page can forget it and the title follows the heading (a meeting's phase, for one).
 */
function useTitleFromHeading(main: HTMLElement | null) {
  useEffect(() => {
    if (!main) return;
    const update = () => {
      const heading = main.querySelector('h1')?.textContent?.trim();
      const error = main.querySelector('.govuk-error-summary') ? 'Error: ' : '';
      const title = `${error}${heading ? `${heading} – ` : ''}Link Programme`;
      if (document.title !== title) document.title = title;
    };
    update();
    const observer = new MutationObserver(update);
    observer.observe(main, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [main]);
}

/**
 * After a move to another page inside the app, focus goes to the new page's main heading, as on
 * a page loaded afresh (GOV.UK's advice for pages drawn without a page load): otherwise a screen
 * reader hears nothing of the change, and focus stays on the link followed or falls back to the
 * top of the document. The heading is focused once it is drawn (a page may show "Loading…"
 * first); a page that puts focus somewhere in itself first (a field, a question's heading) keeps it.
 */
function useFocusOnNewPage(main: HTMLElement | null, pathname: string) {
  const arrived = useRef<string | null>(null);
  useEffect(() => {
    if (!main) return;
    const first = arrived.current === null;
    arrived.current = pathname;
    if (first) return;
    const focusHeading = () => {
      const active = document.activeElement;
      if (active && active !== main && main.contains(active)) return true;
      const heading = main.querySelector('h1');
      if (!heading) return false;
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus();
      return true;
    };
    if (focusHeading()) return;
    const observer = new MutationObserver(() => focusHeading() && observer.disconnect());
    observer.observe(main, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [main, pathname]);
}
