import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { LoginBody } from '@shared/api/auth';
import { fieldErrors } from '@shared/api/errors';
import { useMe, useSignIn } from '../api/hooks';
import { ApiRequestError } from '../api/http';
import { errorList, ErrorSummary, TextField, type ErrorItem } from '../components/forms';

export function SignInPage() {
  const me = useMe();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const location = useLocation();
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const returnTo = (location.state as { returnTo?: string } | null)?.returnTo ?? '/';

  if (me.data) return <Navigate to={returnTo} replace />;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = LoginBody.safeParse({ email: form.get('email'), password: form.get('password') });
    if (!parsed.success) return setErrors(errorList(fieldErrors(parsed.error), ['email', 'password']));
    signIn.mutate(parsed.data, {
      onSuccess: () => navigate(returnTo, { replace: true }),
      onError: (error) => {
        const message = error instanceof ApiRequestError ? error.message : 'Sign in failed. Try again.';
        setErrors([{ field: 'email', message }]);
      },
    });
  }

  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Sign in</h1>
        <p className="govuk-body">Sign in to see your sites and join your meetings.</p>
        <form onSubmit={submit} noValidate>
          <TextField id="email" label="Email address" type="email" autoComplete="email" spellCheck={false} error={errorFor('email')} />
          <TextField id="password" label="Password" type="password" autoComplete="current-password" error={errorFor('password')} />
          <button type="submit" className="govuk-button" disabled={signIn.isPending}>
            Sign in
          </button>
        </form>
        <p className="govuk-body">
          <Link className="govuk-link" to="/forgotten-password">
            Forgotten your password?
          </Link>
        </p>
      </div>
    </div>
  );
}
