import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { fieldErrors } from '@shared/api/errors';
import { AcceptInvitationBody, NewAccountDetails } from '@shared/api/sites';
import { sectorLabels, Sector } from '@shared/organisations';
import { roleLabels } from '@shared/roles';
import { useAcceptInvitation, useInvitationPreview } from '../api/hooks';
import { serverMessage } from '../api/http';
import { errorList, errorsFromFailure, QuestionPage, RadioGroup, TextField, type ErrorItem } from '../components/forms';

const fieldOrder = ['name', 'organisation', 'sector', 'password'];
const sectorOptions = Sector.options.map((value) => ({ value, label: sectorLabels[value] }));
import { Loading, ProblemPage } from '../components/Layout';

/** The invitation link carries its token in the URL fragment, which never reaches the server. */
export function InvitationPage() {
  const [token] = useState(() => window.location.hash.slice(1));
  const preview = useInvitationPreview(token);
  const accept = useAcceptInvitation();
  const navigate = useNavigate();
  const [errors, setErrors] = useState<ErrorItem[]>([]);

  if (!token) return <ProblemPage title="This invitation link is incomplete" message="Open the link from your email again, or ask for a new invitation." />;
  if (preview.isPending) return <Loading />;
  if (preview.isError) {
    return <ProblemPage title="You cannot use this invitation" message={serverMessage(preview.error, 'The invitation could not be checked. Try again later.')} />;
  }
  const { siteName, email, role, hasAccount } = preview.data;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values = hasAccount
      ? { token, password: form.get('password') }
      : { token, name: form.get('name'), organisation: form.get('organisation'), sector: form.get('sector') ?? undefined, password: form.get('password') };
    const parsed = (hasAccount ? AcceptInvitationBody : AcceptInvitationBody.and(NewAccountDetails)).safeParse(values);
    if (!parsed.success) return setErrors(errorList(fieldErrors(parsed.error), fieldOrder));
    accept.mutate(parsed.data, {
      onSuccess: ({ siteId }) => navigate(`/sites/${siteId}`, { replace: true }),
      onError: (error) => setErrors(errorsFromFailure(error, fieldOrder, 'The invitation could not be accepted. Try again.')),
    });
  }
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;

  return (
    <QuestionPage errors={errors} caption={siteName} title={`Join ${siteName} on the Link Programme`}>
        <p className="govuk-body">
          You have been invited as {roleLabels[role].toLowerCase()} with the email address <strong>{email}</strong>.
        </p>
        <form onSubmit={submit} noValidate>
          {hasAccount ? (
            <>
              <p className="govuk-body">You already have an account. Enter its password to join this site.</p>
              <TextField id="password" label="Password" type="password" autoComplete="current-password" error={errorFor('password')} />
            </>
          ) : (
            <>
              <TextField id="name" label="Full name" autoComplete="name" spellCheck={false} error={errorFor('name')} />
              <TextField
                id="organisation"
                label="Organisation"
                hint="For example, Demo Borough Council or Demo CYPMHS"
                autoComplete="organization"
                error={errorFor('organisation')}
              />
              <RadioGroup id="sector" legend="Which sector do you work in?" options={sectorOptions} error={errorFor('sector')} />
              <TextField
                id="password"
                label="Create a password"
                hint="Use 10 characters or more. A few unrelated words together make a strong password."
                type="password"
                autoComplete="new-password"
                error={errorFor('password')}
              />
            </>
          )}
          <button type="submit" className="govuk-button" disabled={accept.isPending}>
            Accept invitation
          </button>
        </form>
    </QuestionPage>
  );
}
