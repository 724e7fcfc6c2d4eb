import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ProfileBody } from '@shared/api/account';
import { fieldErrors } from '@shared/api/errors';
import { useUpdateProfile } from '../../api/account';
import { useMe } from '../../api/hooks';
import { errorList, errorsFromFailure, QuestionPage, TextField, type ErrorItem } from '../../components/forms';
import { Loading } from '../../components/Layout';

const fieldOrder = ['name', 'organisation'];

export function AccountDetailsPage() {
  const me = useMe();
  const update = useUpdateProfile();
  const navigate = useNavigate();
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  if (me.isPending || !me.data) return <Loading />;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = ProfileBody.safeParse({ name: form.get('name'), organisation: form.get('organisation') });
    if (!parsed.success) return setErrors(errorList(fieldErrors(parsed.error), fieldOrder));
    update.mutate(parsed.data, { onSuccess: () => navigate('/account'), onError: (error) => setErrors(errorsFromFailure(error, fieldOrder, 'Your details could not be saved. Try again.')) });
  }
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;

  return (
    <QuestionPage back="/account" errors={errors} title="Your details">
      <form onSubmit={submit} noValidate>
        <TextField id="name" label="Full name" autoComplete="name" defaultValue={me.data.name} error={errorFor('name')} />
        <TextField id="organisation" label="Organisation" autoComplete="organization" defaultValue={me.data.organisation} error={errorFor('organisation')} />
        <button type="submit" className="govuk-button" disabled={update.isPending}>
          Save
        </button>
      </form>
    </QuestionPage>
  );
}
