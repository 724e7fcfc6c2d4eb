import { Placeholder } from './Placeholder';

/**
 * The privacy notice, in plain English. What the tool itself does is stated as fact; what only
 * the organisation running it can say (who it is, its lawful basis, its contacts) is marked as a
 * placeholder to fill in before use.
 */
export function PrivacyNoticePage() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Privacy notice</h1>
        <p className="govuk-body">
          This tool is run by <Placeholder>name of the organisation running the tool</Placeholder> (the data controller) for the Schools and Mental Health Services Link Programme. This
          notice says what we keep about you, why, for how long, and your rights.
        </p>

        <h2 className="govuk-heading-m">What we keep</h2>
        <ul className="govuk-list govuk-list--bullet">
          <li>
            <strong>Your account</strong>: your name, email address, organisation and sector, a scrambled form of your password (we cannot read it), when you last signed in,
            and the browsers you are signed in on.
          </li>
          <li>
            <strong>What you add in meetings</strong>: notes, ratings, votes, goals and actions. Notes written while the facilitator has made notes anonymous carry no name.
          </li>
          <li>
            <strong>Registrations</strong> for meetings and sessions, and who joined them.
          </li>
          <li>
            <strong>Your answers to the programme’s evaluation surveys</strong>. They are linked to you so that your answers before and after can be compared, but they are only ever
            shown as totals and averages.
          </li>
          <li>
            <strong>The survey of schools and colleges</strong> is anonymous: we keep the answers, never who gave them, and show nothing until at least 10 schools or colleges have
            answered.
          </li>
        </ul>

        <h2 className="govuk-heading-m">Cookies</h2>
        <p className="govuk-body">
          We use two cookies, both needed for the tool to work, and no others: one keeps you signed in; the other keeps a school’s survey answers in its own browser between the
          survey’s pages until they are sent, and is deleted when they are sent or the survey closes.
        </p>

        <h2 className="govuk-heading-m">Why, and on what basis</h2>
        <p className="govuk-body">
          To run the programme’s meetings, share what was agreed with the people who took part, and evaluate the programme. Our lawful basis is{' '}
          <Placeholder>lawful basis under UK GDPR Article 6, for example public task</Placeholder>.
        </p>

        <h2 className="govuk-heading-m">How long we keep it</h2>
        <p className="govuk-body">
          Survey and evaluation answers are deleted <Placeholder>retention period, as set in the tool’s RETENTION_MONTHS setting</Placeholder> after the end of the site’s programme
          year; only the published totals are kept. Accounts are kept while you take part in the programme; ask us to erase yours at any time. Backups of the tool’s data
          are kept for 35 days at most, so when we erase you, the last copy holding you is gone within five weeks; restoring an older backup erases you again.
        </p>

        <h2 className="govuk-heading-m">Who sees it</h2>
        <p className="govuk-body">
          The facilitators and strategic lead of your site, and the other people on it, see what you add to meetings. Nobody outside your site does. We use{' '}
          <Placeholder>hosting provider and email provider</Placeholder> to run the tool and send its emails.
        </p>

        <h2 className="govuk-heading-m">Your rights</h2>
        <p className="govuk-body">
          You can ask to see what we keep about you, to correct it, or to erase it: when we erase you, your account, registrations and private notes go, and what you wrote on a board
          stays with the author shown as “former participant”. Contact <Placeholder>data protection officer’s name and email address</Placeholder>. You can also complain to the
          Information Commissioner’s Office (ico.org.uk).
        </p>
        <p className="govuk-body">
          Last updated: <Placeholder>date</Placeholder>.
        </p>
      </div>
    </div>
  );
}
