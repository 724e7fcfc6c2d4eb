import type { GoalsOverview } from '@shared/goals/book';
import { recordedAtMeeting } from '@shared/goals/recorded-at-meeting';
import { formatDate } from '@shared/format';

/** The actions and decisions a meeting recorded, as the room sums up at its close and its record keeps. */
export function RecordedAtMeeting({ overview, meetingId }: { overview: GoalsOverview | undefined; meetingId: string }) {
  // Not read yet (or asked for again after a failure): nothing is claimed.
  if (!overview) return <p className="govuk-body">Reading the actions and decisions…</p>;
  const { actions, decisions } = recordedAtMeeting(overview, meetingId);
  if (!actions.length && !decisions.length) return <p className="govuk-body">No actions or decisions recorded at this meeting yet.</p>;
  const about = (label: string | null) => (label ? `${label}: ` : '');
  return (
    <>
      <Listed heading="Actions agreed" items={actions.map((a) => ({ id: a.id, text: `${about(a.about)}${a.what} – ${a.owner}, due ${formatDate(a.due)}${a.done ? ' (done)' : ''}` }))} />
      <Listed heading="Decisions made" items={decisions.map((d) => ({ id: d.id, text: `${about(d.about)}${d.text}` }))} />
    </>
  );
}

function Listed({ heading, items }: { heading: string; items: { id: string; text: string }[] }) {
  if (!items.length) return null;
  return (
    <>
      <h3 className="govuk-heading-s">{heading}</h3>
      <ul className="govuk-list govuk-list--bullet">
        {items.map((item) => (
          <li key={item.id}>{item.text}</li>
        ))}
      </ul>
    </>
  );
}
