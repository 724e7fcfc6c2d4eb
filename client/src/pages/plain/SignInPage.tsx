import { signInPath } from '@shared/api/return-path';
import { ErrorSummary, TextField, type ErrorItem } from '../../components/forms';

/**
 * The sign-in page, rendered by the server as a plain form posted back to itself: it is ready
 * as soon as its HTML and small stylesheet arrive, and works with JavaScript turned off.
 */
export function SignInPage({ email, errors, returnTo }: { email: string; errors: ErrorItem[]; returnTo: string }) {
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Sign in</h1>
        <p className="govuk-body">Sign in to see your sites and join your meetings.</p>
        <form method="post" action={signInPath(returnTo)} noValidate>
          <TextField id="email" label="Email address" type="email" autoComplete="email" spellCheck={false} defaultValue={email} error={errorFor('email')} />
          <TextField id="password" label="Password" type="password" autoComplete="current-password" error={errorFor('password')} />
          <button type="submit" className="govuk-button" data-module="govuk-button" data-prevent-double-click="true">
            Sign in
          </button>
        </form>
        <p className="govuk-body">
          <a className="govuk-link" href="/forgotten-password">
            Forgotten your password?
          </a>
        </p>
      </div>
    </div>
  );
}
