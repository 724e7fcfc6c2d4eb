import { Link, useParams } from 'react-router';
import { formatDateTime } from '@shared/format';
import { mayAsOwner } from '@shared/policy';
import { tieLabel } from '@shared/goals/meeting-records';
import type { EventRegistration } from '@shared/programme/registration';
import { useAddSessionAction, useSetSessionActionDone } from '../../api/programme';
import { useGoals } from '../../api/goals';
import { useMe, useSite } from '../../api/hooks';
import { ActionList, AddActionForm, tickRefusal } from '../../components/actions';
import { Loading } from '../../components/Layout';
import { useEventPage } from './useEventPage';

/** The actions a tailored session agreed, for the lead to take forward locally. */
export function SessionActionsPage() {
  const { meetingId = '' } = useParams();
  const { event, fallback } = useEventPage(meetingId);
  if (!event) return fallback;
  return <SessionActions event={event} />;
}

/**
 * Kept in the site's goal book (shared/goals/session-actions.ts), so one naming a member is on
 * their to-do list, and one tied to a goal is in its thread at the next review.
 */
function SessionActions({ event }: { event: EventRegistration }) {
  const { siteId, id: meetingId } = event.meeting;
  const add = useAddSessionAction(meetingId);
  const setDone = useSetSessionActionDone(meetingId);
  const site = useSite(siteId);
  const goals = useGoals(siteId);
  const me = useMe();
  if (!site.data || !goals.data || !me.data) return <Loading />;
  const { abilities, members } = site.data;
  const viewerId = me.data.id;
  const ties = { goals: goals.data.goals.map((g) => ({ id: g.goal.id, position: g.goal.position, wording: g.goal.draft.wording })), domainsFirst: event.session?.domains ?? [] };
  return (
    <>
      <Link to={`/sites/${siteId}/tailored-sessions`} className="govuk-back-link">
        Back to tailored support sessions
      </Link>
      <span className="govuk-caption-l">{formatDateTime(event.meeting.startsAt)}</span>
      <h1 className="govuk-heading-l">Actions: {event.title}</h1>
      <p className="govuk-body">These are kept with the site’s other actions. One for a member of the site goes on their to-do list; one about a goal is in that goal’s thread at the next review.</p>
      {/* The server's rules: one kept from before by anyone who took part; the others as every action of the site's. */}
      <ActionList
        actions={event.actions.map((a) => ({ ...a, what: [tieLabel(a, ties.goals), a.what].filter(Boolean).join(': ') }))}
        caption="Actions agreed at this session"
        mayTick={(a) => a.earlier || mayAsOwner('complete-action', abilities, a.ownerId, viewerId)}
        onDone={(actionId, done) => setDone.mutate({ actionId, done })}
        refusal={tickRefusal(setDone)}
      />
      <AddActionForm idPrefix="session" add={add} open={event.actions.length === 0} members={members} ties={ties} />
    </>
  );
}
