import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { NewPassword } from '@shared/api/auth';
import { useSetPassword } from '../../api/account';
import { ApiRequestError } from '../../api/http';
import { errorsFromFailure, QuestionPage, TextField, type ErrorItem } from '../../components/forms';

/**
 * Where a reset or welcome link leads: the token is in the address after `#` (never sent to
 * the server in a request line, so never in its logs); a new password signs the person in.
 */
export function SetPasswordPage() {
  const { hash } = useLocation();
  const token = hash.slice(1);
  const setPassword = useSetPassword();
  const navigate = useNavigate();
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const linkUnusable = setPassword.error instanceof ApiRequestError && setPassword.error.status === 410;

  if (!token || linkUnusable) {
    return (
      <QuestionPage errors={[]} title="This link cannot be used">
        <p className="govuk-body">{linkUnusable ? setPassword.error?.message : 'The link is not complete. Copy the whole link from your email into the address bar.'}</p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/forgotten-password">
            Ask for a new link
          </Link>
        </p>
      </QuestionPage>
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = NewPassword.safeParse(form.get('password'));
    if (!password.success) return setErrors([{ field: 'password', message: password.error.issues[0]!.message }]);
    if (form.get('confirm') !== password.data) return setErrors([{ field: 'confirm', message: 'The two passwords are not the same' }]);
    setPassword.mutate(
      { token, password: password.data },
      {
        onSuccess: () => navigate('/', { replace: true }),
        onError: (error) => setErrors(errorsFromFailure(error, ['password'], 'Your password could not be set. Try again.')),
      },
    );
  }
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;

  return (
    <QuestionPage errors={errors} title="Choose your password">
      <form onSubmit={submit} noValidate>
        <TextField id="password" label="New password" hint="10 characters or more. A few random words make a strong one." type="password" autoComplete="new-password" error={errorFor('password')} />
        <TextField id="confirm" label="Type it again" type="password" autoComplete="new-password" error={errorFor('confirm')} />
        <button type="submit" className="govuk-button" disabled={setPassword.isPending}>
          Set password and sign in
        </button>
      </form>
    </QuestionPage>
  );
}
