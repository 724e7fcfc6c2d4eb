import { Link, useNavigate } from 'react-router';
import { formatDateTime } from '@shared/format';
import { useMySessions, useSignOutEverywhere } from '../../api/account';
import { useMe } from '../../api/hooks';
import { Loading } from '../../components/Layout';
import { Table } from '../../components/Table';

/** Your account: your details, your password, and where you are signed in. */
export function AccountPage() {
  const me = useMe();
  const sessions = useMySessions();
  const signOutEverywhere = useSignOutEverywhere();
  const navigate = useNavigate();
  if (me.isPending || !me.data) return <Loading />;
  const rows: [string, string, string | null][] = [
    ['Name', me.data.name, '/account/details'],
    ['Organisation', me.data.organisation || 'Not given', '/account/details'],
    ['Email address', me.data.email, null],
    ['Password', 'Set', '/account/password'],
  ];
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Your account</h1>
        <dl className="govuk-summary-list">
          {rows.map(([key, value, change]) => (
            <div className="govuk-summary-list__row" key={key}>
              <dt className="govuk-summary-list__key">{key}</dt>
              <dd className="govuk-summary-list__value">{value}</dd>
              <dd className="govuk-summary-list__actions">
                {change && (
                  <Link className="govuk-link" to={change}>
                    Change<span className="govuk-visually-hidden"> {key.toLowerCase()}</span>
                  </Link>
                )}
              </dd>
            </div>
          ))}
        </dl>
        <p className="govuk-body">To change your email address, ask your facilitator.</p>

        <h2 className="govuk-heading-m">Where you are signed in</h2>
        {sessions.data && (
          <Table
            caption="Where you are signed in"
            head={['Browser', 'Signed in', 'Until']}
            rows={sessions.data.map((s, index) => ({
              key: `${s.createdAt}-${index}`,
              cells: [
                <>
                  {s.browser}
                  {s.current && <strong className="govuk-tag govuk-tag--blue govuk-!-margin-left-2">This one</strong>}
                </>,
                s.createdAt ? formatDateTime(s.createdAt) : 'Before we kept this',
                formatDateTime(s.expiresAt),
              ],
            }))}
          />
        )}
        <p className="govuk-body">If you signed in on a shared or lost computer, sign out everywhere. You will need your password to sign in again.</p>
        <button type="button" className="govuk-button govuk-button--warning" disabled={signOutEverywhere.isPending} onClick={() => signOutEverywhere.mutate(undefined, { onSuccess: () => navigate('/sign-in') })}>
          Sign out everywhere
        </button>
      </div>
    </div>
  );
}
