import { useState } from 'react';
import { Link } from 'react-router';
import { auditActionLabels, type AccountSummary } from '@shared/api/account';
import { formatDateTime } from '@shared/format';
import { useAccounts, useAuditLog, useDeactivateAccount, useEraseAccount } from '../../api/account';
import { useMe } from '../../api/hooks';
import { Loading, ProblemPage } from '../../components/Layout';
import { Breakable, Table } from '../../components/Table';

/** A button that asks before it acts, beside the account it acts on. */
function ConfirmedAction(props: { label: string; account: AccountSummary; warning: string; confirm: string; pending: boolean; run: () => void }) {
  const { label, account, warning, confirm, pending, run } = props;
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0" onClick={() => setAsking(true)}>
        {label}
        <span className="govuk-visually-hidden"> {account.name}</span>
      </button>
    );
  }
  return (
    <div role="group" aria-label={`${label} ${account.name}?`}>
      <p className="govuk-body-s govuk-!-margin-bottom-1">{warning}</p>
      <div className="govuk-button-group govuk-!-margin-bottom-0">
        <button type="button" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0" disabled={pending} onClick={run}>
          {confirm}
        </button>
        <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => setAsking(false)}>
          No, leave it
        </button>
      </div>
    </div>
  );
}

function AccountActions({ account }: { account: AccountSummary }) {
  const deactivate = useDeactivateAccount();
  const erase = useEraseAccount();
  return (
    <div className="govuk-button-group govuk-!-margin-bottom-0">
      {!account.deactivatedAt && (
        <ConfirmedAction
          label="Deactivate"
          account={account}
          warning={`${account.name} will be signed out at once and cannot sign in again.`}
          confirm={`Yes, deactivate ${account.name}`}
          pending={deactivate.isPending}
          run={() => deactivate.mutate(account.id)}
        />
      )}
      <ConfirmedAction
        label="Erase"
        account={account}
        warning={`Everything that names ${account.name} is erased for good: their account, registrations and private notes go, and their name on boards becomes “Former participant”. This cannot be undone.`}
        confirm={`Yes, erase ${account.name}`}
        pending={erase.isPending}
        run={() => erase.mutate(account.id)}
      />
    </div>
  );
}

/** Facilitators' administration: accounts, inviting a facilitator, deactivating, and the log of it all. */
export function AdministrationPage() {
  const me = useMe();
  const accounts = useAccounts();
  const audit = useAuditLog();
  if (me.isPending || accounts.isPending) return <Loading />;
  if (!me.data?.abilities.includes('administer') || !accounts.data) return <ProblemPage title="You cannot see this page" message="Administration is for facilitators." />;
  return (
    <>
      <h1 className="govuk-heading-l">Administration</h1>
      <Link to="/administration/invite-facilitator" role="button" draggable="false" className="govuk-button">
        Invite a facilitator
      </Link>
      <Table
        caption="Accounts"
        head={['Name', 'Email address', 'Role', 'Last signed in', <span className="govuk-visually-hidden">Actions</span>]}
        rows={accounts.data.map((account) => ({
          key: account.id,
          cells: [
            account.name,
            <Breakable key="email">{account.email}</Breakable>,
            account.facilitator ? 'Facilitator' : 'Site member',
            account.lastSignInAt ? formatDateTime(account.lastSignInAt) : 'Never',
            <>
              {account.deactivatedAt && <strong className="govuk-tag govuk-tag--grey govuk-!-margin-bottom-2">Deactivated</strong>}
              {account.id !== me.data?.id && !account.email.endsWith('@erased.invalid') && <AccountActions account={account} />}
            </>,
          ],
        }))}
      />
      <h2 className="govuk-heading-m">What administrators have done</h2>
      {audit.data && audit.data.length === 0 && <p className="govuk-body">Nothing yet this year or last.</p>}
      {audit.data && audit.data.length > 0 && (
        <Table
          caption="Log of administrative actions, newest first"
          head={['When', 'Who', 'What', 'Account']}
          rows={audit.data.map((entry, index) => ({ key: `${entry.at}-${index}`, cells: [formatDateTime(entry.at), entry.actor, auditActionLabels[entry.action], entry.subject] }))}
        />
      )}
    </>
  );
}
