import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ChangePasswordBody } from '@shared/api/account';
import { fieldErrors } from '@shared/api/errors';
import { useChangePassword } from '../../api/account';
import { errorList, errorsFromFailure, QuestionPage, TextField, type ErrorItem } from '../../components/forms';

const fieldOrder = ['currentPassword', 'newPassword'];

export function ChangePasswordPage() {
  const change = useChangePassword();
  const navigate = useNavigate();
  const [errors, setErrors] = useState<ErrorItem[]>([]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = ChangePasswordBody.safeParse({ currentPassword: form.get('currentPassword'), newPassword: form.get('newPassword') });
    if (!parsed.success) return setErrors(errorList(fieldErrors(parsed.error), fieldOrder));
    change.mutate(parsed.data, { onSuccess: () => navigate('/account'), onError: (error) => setErrors(errorsFromFailure(error, fieldOrder, 'Your password could not be changed. Try again.')) });
  }
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;

  return (
    <QuestionPage back="/account" errors={errors} title="Change your password">
      <p className="govuk-body">You stay signed in here; everywhere else you are signed out.</p>
      <form onSubmit={submit} noValidate>
        <TextField id="currentPassword" label="Current password" type="password" autoComplete="current-password" error={errorFor('currentPassword')} />
        <TextField id="newPassword" label="New password" hint="10 characters or more" type="password" autoComplete="new-password" error={errorFor('newPassword')} />
        <button type="submit" className="govuk-button" disabled={change.isPending}>
          Change password
        </button>
      </form>
    </QuestionPage>
  );
}
