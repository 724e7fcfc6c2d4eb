import type { ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useMe, useSignOut } from '../api/hooks';

export function Layout({ children }: { children: ReactNode }) {
  const me = useMe();
  const { pathname } = useLocation();
  const publicPage = pathname.startsWith('/s/');
  // The presenter view is shared on a video call: no links or buttons, and the whole width.
  const presenting = /^\/meetings\/[^/]+\/present$/.test(pathname);
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    <>
      <a href="#main-content" className="govuk-skip-link">
        Skip to main content
      </a>
      <header className="app-header" role="banner">
        <div className={`${presenting ? 'app-presenter-container' : 'govuk-width-container'} app-header__inner`}>
          {presenting ? (
            <span className="app-header__title">Link Programme</span>
          ) : (
            <Link to="/" className="app-header__title">
              Link Programme
            </Link>
          )}
          {me.data && !publicPage && !presenting && (
            <div className="app-header__account">
              <span>Signed in as {me.data.name}</span>
              <button
                type="button"
                className="govuk-button govuk-button--secondary"
                onClick={() => signOut.mutate(undefined, { onSuccess: () => navigate('/sign-in') })}
              >
                Sign out
              </button>
            </div>
          )}
        </div>
      </header>
      <div className={presenting ? 'app-presenter-container' : 'govuk-width-container'}>
        <main className="govuk-main-wrapper" id="main-content" role="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </>
  );
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
