import { Link } from 'react-router';
import type { Ability } from '@shared/policy';
import { formatDate, formatDateTime } from '@shared/format';
import type { TimelineEntry, TodoItem } from '@shared/programme/timeline';
import type { TodoTarget } from '@shared/programme/timeline-facts';
import { useTimeline } from '../../api/programme';
import { NextDeadline, StatusTag } from '../../components/Deadline';
import { Table } from '../../components/Table';

/** Where each to-do is done in the tool. */
function targetHref(siteId: string, target: TodoTarget): string {
  switch (target.page) {
    case 'schedule-meeting':
      return `/sites/${siteId}/meetings/new?kind=${target.kind}`;
    case 'confirm-meeting':
      return `/meetings/${target.meetingId}/confirm`;
    case 'register':
      return `/meetings/${target.meetingId}/register`;
    case 'registrations':
      return `/meetings/${target.meetingId}/registrations`;
    case 'pre-ratings':
      return `/meetings/${target.meetingId}/ratings/1`;
    case 'session-actions':
      return `/meetings/${target.meetingId}/actions`;
    case 'evaluation':
      return `/sites/${siteId}/evaluation/${target.kind}`;
    case 'feedback':
      return `/sites/${siteId}/evaluation/feedback?meeting=${target.meetingId}`;
    case 'tailored-sessions':
      return `/sites/${siteId}/tailored-sessions`;
    case 'surveys':
      return `/sites/${siteId}/surveys/new`;
    case 'programme-plan':
      return `/sites/${siteId}/programme-plan`;
    case 'invite':
      return `/sites/${siteId}/invite`;
    case 'goals':
      return `/sites/${siteId}/goals#${target.goalId === null ? 'other-actions' : `goal-${target.goalId}`}`;
    case 'check-in':
      return `/sites/${siteId}/goals/${target.goalId}/check-in/rating`;
  }
}

function when(entry: TimelineEntry): string {
  return entry.from ? `${formatDate(entry.from)} to ${formatDate(entry.by)}` : formatDate(entry.by);
}

/** A GOV.UK task list: each duty links to where it is done, with its deadline and status. */
function TodoList({ siteId, todos, heading, id }: { siteId: string; todos: TodoItem[]; heading: string; id: string }) {
  if (!todos.length) return null;
  return (
    <>
      <h3 className="govuk-heading-s" id={id}>
        {heading}
      </h3>
      <ul className="govuk-task-list" aria-labelledby={id}>
        {todos.map((todo) => {
          const itemId = `${id}-${todo.id}`;
          const linked = todo.target && todo.status !== 'done' && todo.status !== 'not-needed';
          return (
            <li key={todo.id} className={`govuk-task-list__item${linked ? ' govuk-task-list__item--with-link' : ''}`}>
              <div className="govuk-task-list__name-and-hint">
                {linked ? (
                  <Link className="govuk-link govuk-task-list__link" to={targetHref(siteId, todo.target!)} aria-describedby={`${itemId}-hint ${itemId}-status`}>
                    {todo.text}
                  </Link>
                ) : (
                  <div>{todo.text}</div>
                )}
                <div id={`${itemId}-hint`} className="govuk-task-list__hint">
                  By {formatDate(todo.by)}
                  {todo.waiting ? `. ${todo.waiting}.` : null}
                </div>
              </div>
              <div className="govuk-task-list__status" id={`${itemId}-status`}>
                <StatusTag status={todo.status} />
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** The site's programme year, and what the person viewing (and, for a facilitator, the lead) has to do. */
export function TimelineSection({ siteId, abilities }: { siteId: string; abilities: readonly Ability[] }) {
  const timeline = useTimeline(siteId);
  if (timeline.isPending) return null;
  if (timeline.isError) return <p className="govuk-body">The timeline could not be loaded. Refresh the page to try again.</p>;
  const { plan, planSet, entries, todos, nextDeadline } = timeline.data;
  return (
    <section aria-labelledby="timeline-heading">
      <h2 className="govuk-heading-m" id="timeline-heading">
        Programme timeline <span className="govuk-caption-m govuk-!-display-inline">{plan.wave}</span>
      </h2>
      {!planSet && (
        <p className="govuk-body">
          {abilities.includes('set-programme-dates') ? (
            // The facilitator is the one who sets them, so they are told how rather than to wait for someone.
            <>
              These dates are provisional until you{' '}
              <Link className="govuk-link" to={`/sites/${siteId}/programme-plan`}>
                set the dates of this site’s wave
              </Link>
              .
            </>
          ) : (
            'These dates are provisional until your facilitator sets the dates of your wave.'
          )}
        </p>
      )}
      <p className="govuk-inset-text">
        <strong>Next:</strong> <NextDeadline deadline={nextDeadline} />
      </p>
      <Table
        className="app-timeline"
        caption="Key dates and deadlines"
        head={['When', 'What', 'Status']}
        rows={entries.map((entry) => ({
          key: entry.id,
          cells: [
            when(entry),
            <>
              {entry.what}
              {entry.bookedFor && <div className="govuk-hint govuk-body-s govuk-!-margin-bottom-0">Booked for {formatDateTime(entry.bookedFor)}</div>}
            </>,
            <StatusTag status={entry.status} />,
          ],
        }))}
      />
      {abilities.includes('set-programme-dates') && (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/sites/${siteId}/programme-plan`}>
            Change the programme dates
          </Link>
        </p>
      )}
      <TodoList siteId={siteId} id="todo-you" heading="Your to-do list" todos={todos.filter((t) => t.owner === 'you')} />
      <TodoList siteId={siteId} id="todo-lead" heading="The strategic lead’s to-do list" todos={todos.filter((t) => t.owner === 'lead')} />
    </section>
  );
}
