import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { fieldErrors } from '@shared/api/errors';
import { CreateInvitationsBody, type BulkInvitationOutcome } from '@shared/api/sites';
import { roleLabels, rolesInvitableBy } from '@shared/roles';
import { useInvite, useSite } from '../api/hooks';
import { errorList, errorsFromFailure, QuestionPage, RadioGroup, TextAreaField, type ErrorItem } from '../components/forms';
import { Loading, ProblemPage } from '../components/Layout';

/** The heading after sending, which says plainly when nobody was invited rather than "0 invitations sent". */
const outcomeTitle = (sent: number) => (sent === 0 ? 'No invitations sent' : `${sent} ${sent === 1 ? 'invitation' : 'invitations'} sent`);

/** Inviting one person or many at once: paste their addresses, or rows copied from a spreadsheet. */
export function InvitePage() {
  const { siteId = '' } = useParams();
  const site = useSite(siteId);
  const invite = useInvite(siteId);
  const navigate = useNavigate();
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const [outcome, setOutcome] = useState<BulkInvitationOutcome | null>(null);

  if (site.isPending) return <Loading />;
  if (site.isError) return <ProblemPage title="You do not have access to this site" message="Only members of a site can invite people to it." />;
  const roles = rolesInvitableBy(site.data.myRole);
  if (!roles.length) return <ProblemPage title="You cannot invite people to this site" message="Ask the site's strategic lead to invite them." />;

  if (outcome) {
    return (
      <QuestionPage back={`/sites/${siteId}`} errors={[]} caption={site.data.name} focusHeading title={outcomeTitle(outcome.sent.length)}>
        {outcome.sent.length > 0 ? (
          <ul className="govuk-list govuk-list--bullet">
            {outcome.sent.map((i) => (
              <li key={i.email}>{i.email}</li>
            ))}
          </ul>
        ) : (
          <p className="govuk-body">Nobody was emailed: everyone you entered is already on the site or already has an invitation waiting.</p>
        )}
        <h2 className="govuk-heading-m">Not sent</h2>
        <ul className="govuk-list govuk-list--bullet">
          {outcome.skipped.map((s) => (
            <li key={s.email}>
              {s.email}: {s.reason.charAt(0).toLowerCase() + s.reason.slice(1)}
            </li>
          ))}
        </ul>
        <p className="govuk-body">
          If someone has lost their invitation, use ‘Send again’ beside their address under ‘Invitations waiting to be accepted’ on the site page.
        </p>
        <div className="govuk-button-group">
          <Link className="govuk-button" to={`/sites/${siteId}`}>
            Back to the site
          </Link>
          <button type="button" className="govuk-link app-link-button" onClick={() => setOutcome(null)}>
            Invite other people
          </button>
        </div>
      </QuestionPage>
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = { emails: String(form.get('emails') ?? ''), role: String(form.get('role') ?? roles[0]) };
    const parsed = CreateInvitationsBody.safeParse(body);
    if (!parsed.success) return setErrors(errorList(fieldErrors(parsed.error), ['emails', 'role']));
    invite.mutate(body as CreateInvitationsBody, {
      onSuccess: (result) => (result.skipped.length ? setOutcome(result) : navigate(`/sites/${siteId}?invited=${result.sent.length}`)),
      onError: (error) => setErrors(errorsFromFailure(error, ['emails', 'role'], 'The invitations could not be sent. Try again.')),
    });
  }
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;

  return (
    <QuestionPage back={`/sites/${siteId}`} errors={errors} caption={site.data.name} title="Invite people to the site">
      <p className="govuk-body">We will email each person a link to join. Each link works once and expires after 14 days.</p>
      <form onSubmit={submit} noValidate>
        <TextAreaField
          id="emails"
          label="Their email addresses"
          labelClassName="govuk-label--s"
          hint="One or more. You can paste a list, or rows copied from a spreadsheet: we pick out the email addresses."
          rows={5}
          spellCheck={false}
          autoComplete="off"
          error={errorFor('emails')}
        />
        {roles.length > 1 ? (
          <RadioGroup
            id="role"
            legend="What will they do on the site?"
            options={roles.map((role) => ({ value: role, label: roleLabels[role], hint: role === 'facilitator' ? 'A fellow trainer who runs the site’s meetings with you' : undefined }))}
            defaultValue={roles[roles.length - 1]}
            error={errorFor('role')}
          />
        ) : (
          <input type="hidden" name="role" value={roles[0]} />
        )}
        <button type="submit" className="govuk-button" disabled={invite.isPending}>
          Send invitations
        </button>
      </form>
    </QuestionPage>
  );
}
