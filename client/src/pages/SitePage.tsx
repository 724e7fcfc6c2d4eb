import { Link, useParams, useSearchParams } from 'react-router';
import { canRemoveMember, roleLabels } from '@shared/roles';
import { useMe, useInvitationActions, useRemoveMember, useSite } from '../api/hooks';
import { ApiRequestError, refusedByServer } from '../api/http';
import { Loading, ProblemPage } from '../components/Layout';
import { NotificationBanner } from '../components/NotificationBanner';
import { Breakable, Table } from '../components/Table';
import { formatDate } from '@shared/format';
import { useSitePresence } from '../realtime/socket';
import { LiveMeetingBanner, MeetingsSection } from './meetings/MeetingsSection';
import { SurveysSection } from './survey/SurveysSection';
import { TimelineSection } from './programme/TimelineSection';
import { GoalsAttentionNotice } from './goals/GoalsAttentionNotice';
import { GoalsSummary } from './goals/GoalsSummary';


export function SitePage() {
  const { siteId = '' } = useParams();
  const site = useSite(siteId);
  const me = useMe();
  const removeMember = useRemoveMember(siteId);
  const invitationActions = useInvitationActions(siteId);
  const online = useSitePresence(siteId);
  // The invite page sends the person here once every invitation is sent: the page says so (a GOV.UK
  // success banner, focused), where otherwise the new invitations were listed only at its foot.
  const invited = Number(useSearchParams()[0].get('invited') ?? 0);

  if (site.isPending) return <Loading />;
  if (!site.data || refusedByServer(site.error)) {
    const forbidden = site.error instanceof ApiRequestError && site.error.status === 403;
    return forbidden ? (
      <ProblemPage title="You do not have access to this site" message="Ask the site's strategic lead to invite you." />
    ) : (
      <ProblemPage title="Sorry, there is a problem" message="The site could not be loaded. Refresh the page to try again." />
    );
  }
  const { name, myRole, abilities, members, invitations } = site.data;
  const mayInvite = abilities.includes('invite-people');

  return (
    <>
      {invited > 0 && (
        <NotificationBanner id="invited-title" title="Success" role="alert" success>
          <p className="govuk-notification-banner__heading">
            {invited === 1 ? 'Invitation sent' : `${invited} invitations sent`}
          </p>
          <p className="govuk-body">
            Each person gets an email with a link to join, which works for 14 days. Until they join they are listed under{' '}
            <a className="govuk-notification-banner__link" href="#invitations-heading">
              invitations waiting to be accepted
            </a>
            .
          </p>
        </NotificationBanner>
      )}
      <LiveMeetingBanner siteId={siteId} />
      <GoalsAttentionNotice siteId={siteId} />
      <span className="govuk-caption-l">You are {roleLabels[myRole].toLowerCase()}</span>
      <h1 className="govuk-heading-l">{name}</h1>
      {online && (
        <p className="govuk-body app-presence" aria-live="polite">
          Online now: {online.map((person) => person.name).join(', ')}
        </p>
      )}

      <TimelineSection siteId={siteId} abilities={abilities} />
      <MeetingsSection siteId={siteId} abilities={abilities} />
      <h2 className="govuk-heading-m">Tailored support sessions</h2>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/sites/${siteId}/tailored-sessions`}>
          Tailored support sessions
        </Link>
      </p>
      <GoalsSummary siteId={siteId} mayNameOwners={abilities.includes('name-goal-owner')} />
      <h2 className="govuk-heading-m">Evaluation</h2>
      {abilities.includes('see-evaluation') ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/sites/${siteId}/evaluation/results`}>
            Evaluation results
          </Link>
        </p>
      ) : (
        <ul className="govuk-list">
          <li>
            <Link className="govuk-link" to={`/sites/${siteId}/evaluation/baseline`}>
              Baseline survey (before the consultation)
            </Link>
          </li>
          <li>
            <Link className="govuk-link" to={`/sites/${siteId}/evaluation/follow-up`}>
              Follow-up survey (after the last tailored session)
            </Link>
          </li>
        </ul>
      )}
      <h2 className="govuk-heading-m">Local services</h2>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/sites/${siteId}/directory`}>
          Local services directory
        </Link>
      </p>
      <SurveysSection siteId={siteId} abilities={abilities} />

      <h2 className="govuk-heading-m">Members</h2>
      <Table
        className="app-members"
        caption={`Members of ${name}`}
        head={['Name', 'Email address', 'Role', <span className="govuk-visually-hidden">Actions</span>]}
        rows={members.map((member) => ({
          key: member.userId,
          cells: [
            <>
              {member.name}
              <span className="govuk-hint govuk-body-s govuk-!-margin-bottom-0 app-phone-only">
                <Breakable>{member.email}</Breakable>
              </span>
            </>,
            <Breakable key="email">{member.email}</Breakable>,
            roleLabels[member.role],
            member.userId !== me.data?.id && abilities.includes('remove-people') && canRemoveMember(myRole, member.role) && (
              <button
                type="button"
                className="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
                disabled={removeMember.isPending}
                onClick={() => {
                  if (window.confirm(`Remove ${member.name} from ${name}?`)) removeMember.mutate(member.userId);
                }}
              >
                Remove<span className="govuk-visually-hidden"> {member.name}</span>
              </button>
            ),
          ],
        }))}
      />

      <h2 className="govuk-heading-m" id="invitations-heading">
        Invitations waiting to be accepted
      </h2>
      {invitations.length === 0 ? (
        <p className="govuk-body">There are no invitations waiting.</p>
      ) : (
        <Table
          className="app-invitations"
          caption="Invitations waiting to be accepted"
          head={mayInvite ? ['Email address', 'Role', 'Expires', 'Actions'] : ['Email address', 'Role', 'Expires']}
          rows={invitations.map((invitation) => ({
            key: invitation.id,
            cells: [
              <>
                <Breakable>{invitation.email}</Breakable>
                <span className="govuk-hint govuk-body-s govuk-!-margin-bottom-0 app-phone-only">
                  {roleLabels[invitation.role]}, expires {formatDate(invitation.expiresAt)}
                </span>
              </>,
              roleLabels[invitation.role],
              formatDate(invitation.expiresAt),
              ...(mayInvite
                ? [
                    <span className="govuk-button-group govuk-!-margin-bottom-0" key="actions">
                      <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" disabled={invitationActions.sendAgain.isPending} onClick={() => invitationActions.sendAgain.mutate({ email: invitation.email, role: invitation.role })}>
                        Send again<span className="govuk-visually-hidden"> to {invitation.email}</span>
                      </button>
                      <button type="button" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0" disabled={invitationActions.withdraw.isPending} onClick={() => invitationActions.withdraw.mutate(invitation.id)}>
                        Withdraw<span className="govuk-visually-hidden"> the invitation to {invitation.email}</span>
                      </button>
                    </span>,
                  ]
                : []),
            ],
          }))}
        />
      )}
      {mayInvite && (
        <Link to={`/sites/${siteId}/invite`} role="button" draggable="false" className="govuk-button">
          Invite someone
        </Link>
      )}
    </>
  );
}
