import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { InviteFacilitatorBody } from '@shared/api/account';
import { fieldErrors } from '@shared/api/errors';
import { useInviteFacilitator } from '../../api/account';
import { errorList, errorsFromFailure, QuestionPage, TextField, type ErrorItem } from '../../components/forms';

const fieldOrder = ['name', 'email'];

export function InviteFacilitatorPage() {
  const invite = useInviteFacilitator();
  const navigate = useNavigate();
  const [errors, setErrors] = useState<ErrorItem[]>([]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = InviteFacilitatorBody.safeParse({ name: form.get('name'), email: form.get('email') });
    if (!parsed.success) return setErrors(errorList(fieldErrors(parsed.error), fieldOrder));
    invite.mutate(parsed.data, { onSuccess: () => navigate('/administration'), onError: (error) => setErrors(errorsFromFailure(error, fieldOrder, 'The invitation could not be sent. Try again.')) });
  }
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;

  return (
    <QuestionPage back="/administration" errors={errors} caption="Administration" title="Invite a facilitator">
      <p className="govuk-body">They get an email with a link to set their password (it works for a week). Facilitators create sites, run meetings and administer accounts.</p>
      <form onSubmit={submit} noValidate>
        <TextField id="name" label="Their full name" autoComplete="off" error={errorFor('name')} />
        <TextField id="email" label="Their email address" type="email" autoComplete="off" spellCheck={false} error={errorFor('email')} />
        <button type="submit" className="govuk-button" disabled={invite.isPending}>
          Send invitation
        </button>
      </form>
    </QuestionPage>
  );
}
