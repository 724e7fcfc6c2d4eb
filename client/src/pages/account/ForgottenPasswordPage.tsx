import { useState, type FormEvent } from 'react';
import { ForgottenPasswordBody } from '@shared/api/account';
import { fieldErrors } from '@shared/api/errors';
import { useForgottenPassword } from '../../api/account';
import { errorList, errorsFromFailure, QuestionPage, TextField, type ErrorItem } from '../../components/forms';

/** "Forgotten your password?": asks for the email address, then says what happens next. */
export function ForgottenPasswordPage() {
  const ask = useForgottenPassword();
  const [errors, setErrors] = useState<ErrorItem[]>([]);

  if (ask.isSuccess) {
    return (
      <QuestionPage back="/sign-in" errors={[]} title="Check your email">
        <p className="govuk-body">{ask.data.message}</p>
        <p className="govuk-body">If no email arrives within a few minutes, check your junk folder, or ask your facilitator.</p>
      </QuestionPage>
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = ForgottenPasswordBody.safeParse({ email: new FormData(event.currentTarget).get('email') });
    if (!parsed.success) return setErrors(errorList(fieldErrors(parsed.error), ['email']));
    ask.mutate(parsed.data.email, { onError: (error) => setErrors(errorsFromFailure(error, ['email'], 'The link could not be sent. Try again.')) });
  }

  return (
    <QuestionPage back="/sign-in" errors={errors} title="Set a new password">
      <p className="govuk-body">We will email you a link to set a new password. It works once, for an hour.</p>
      <form onSubmit={submit} noValidate>
        <TextField id="email" label="Email address" type="email" autoComplete="email" spellCheck={false} error={errors.find((e) => e.field === 'email')?.message} />
        <button type="submit" className="govuk-button" disabled={ask.isPending}>
          Send me a link
        </button>
      </form>
    </QuestionPage>
  );
}
