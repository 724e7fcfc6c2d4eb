import { Link } from 'react-router';
import { roleLabels } from '@shared/roles';
import { useMe, useSites } from '../api/hooks';
import { NextDeadline } from '../components/Deadline';
import { Loading } from '../components/Layout';

export function SitesPage() {
  const me = useMe();
  const sites = useSites();
  return (
    <>
      <h1 className="govuk-heading-l">Your sites</h1>
      {me.data?.abilities.includes('create-site') && (
        <p className="govuk-body">
          <Link className="govuk-link" to="/dashboard">
            Programme dashboard
          </Link>{' '}
          – every site you facilitate, with its next deadline
        </p>
      )}
      {sites.isPending && <Loading />}
      {sites.isError && <p className="govuk-body">Your sites could not be loaded. Refresh the page to try again.</p>}
      {sites.data && sites.data.length === 0 && (
        <p className="govuk-body">You are not a member of any site yet. When someone invites you, the site will appear here.</p>
      )}
      {sites.data && sites.data.length > 0 && (
        <ul className="govuk-list govuk-list--spaced">
          {sites.data.map((site) => (
            <li key={site.id}>
              <Link className="govuk-link govuk-!-font-weight-bold" to={`/sites/${site.id}`}>
                {site.name}
              </Link>{' '}
              <span className="govuk-hint govuk-!-display-inline">– you are {roleLabels[site.myRole].toLowerCase()}</span>
              {site.myRole === 'facilitator' && (
                <p className="govuk-body-s govuk-!-margin-bottom-0">
                  Next: <NextDeadline deadline={site.nextDeadline} />
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {me.data?.abilities.includes('create-site') && (
        <Link to="/sites/new" role="button" draggable="false" className="govuk-button govuk-button--secondary">
          Create a site
        </Link>
      )}
    </>
  );
}
