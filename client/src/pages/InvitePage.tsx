import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { fieldErrors } from '@shared/api/errors';
import { CreateInvitationBody } from '@shared/api/sites';
import { roleLabels, rolesInvitableBy } from '@shared/roles';
import { useInvite, useSite } from '../api/hooks';
import { errorList, errorsFromFailure, QuestionPage, RadioGroup, TextField, type ErrorItem } from '../components/forms';
import { Loading, ProblemPage } from '../components/Layout';

export function InvitePage() {
  const { siteId = '' } = useParams();
  const site = useSite(siteId);
  const invite = useInvite(siteId);
  const navigate = useNavigate();
  const [errors, setErrors] = useState<ErrorItem[]>([]);

  if (site.isPending) return <Loading />;
  if (site.isError) return <ProblemPage title="You do not have access to this site" message="Only members of a site can invite people to it." />;
  const roles = rolesInvitableBy(site.data.myRole);
  if (!roles.length) return <ProblemPage title="You cannot invite people to this site" message="Ask the site's strategic lead to invite them." />;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = CreateInvitationBody.safeParse({ email: form.get('email'), role: form.get('role') ?? roles[0] });
    if (!parsed.success) return setErrors(errorList(fieldErrors(parsed.error), ['email', 'role']));
    invite.mutate(parsed.data, {
      onSuccess: () => navigate(`/sites/${siteId}`),
      onError: (error) => setErrors(errorsFromFailure(error, ['email', 'role'], 'The invitation could not be sent. Try again.')),
    });
  }
  const roleError = errors.find((e) => e.field === 'role')?.message;

  return (
    <QuestionPage back={`/sites/${siteId}`} errors={errors} caption={site.data.name} title="Invite someone to the site">
        <p className="govuk-body">We will email them a link to join. The link works once and expires after 14 days.</p>
        <form onSubmit={submit} noValidate>
          <TextField
            id="email"
            label="Their email address"
            type="email"
            autoComplete="off"
            spellCheck={false}
            error={errors.find((e) => e.field === 'email')?.message}
          />
          {roles.length > 1 ? (
            <RadioGroup
              id="role"
              legend="What will they do on the site?"
              options={roles.map((role) => ({ value: role, label: roleLabels[role] }))}
              defaultValue={roles[roles.length - 1]}
              error={roleError}
            />
          ) : (
            <input type="hidden" name="role" value={roles[0]} />
          )}
          <button type="submit" className="govuk-button" disabled={invite.isPending}>
            Send invitation
          </button>
        </form>
    </QuestionPage>
  );
}
