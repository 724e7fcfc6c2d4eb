import { useEffect, type ReactNode } from 'react';
import { ErrorBoundary, type FallbackProps } from 'react-error-boundary';
import { retryFailedCode } from '../lazy-page';

/**
 * What is shown where a part of a page failed to draw, most often because its code could not be
 * fetched (the connection dropped as the facilitator moved the meeting on): the rest of the page
 * stays, the part is tried again once the browser is back online, and the person can ask for it.
 */
function Fallback({ resetErrorBoundary }: FallbackProps) {
  useEffect(() => {
    window.addEventListener('online', resetErrorBoundary);
    return () => window.removeEventListener('online', resetErrorBoundary);
  }, [resetErrorBoundary]);
  return (
    <div className="app-banner app-banner--warning" role="alert">
      <p className="govuk-body govuk-!-margin-bottom-2">
        <strong>This part of the page could not be shown.</strong> If your connection dropped, it is tried again when it is back.
      </p>
      <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={resetErrorBoundary}>
        Try again
      </button>
    </div>
  );
}

/** Keeps a failure to draw `children` inside them; `resetKeys` (the page's address) start it afresh. */
export function LoadProblem({ children, resetKeys }: { children: ReactNode; resetKeys?: unknown[] }) {
  return (
    <ErrorBoundary FallbackComponent={Fallback} resetKeys={resetKeys} onReset={retryFailedCode}>
      {children}
    </ErrorBoundary>
  );
}
