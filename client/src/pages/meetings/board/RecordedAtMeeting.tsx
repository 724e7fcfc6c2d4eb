import type { GoalsOverview } from '@shared/goals/book';
import { recordedAtMeeting } from '@shared/goals/recorded-at-meeting';
import { formatDate } from '@shared/format';

type Part = 'actions' | 'decisions';
const noneRecorded: Record<Part | 'both', string> = { actions: 'No actions', decisions: 'No decisions', both: 'No actions or decisions' };

/**
 * The actions and decisions a meeting recorded, as the room sums up at its close and its record
 * keeps. `part` shows one of them alone (the presenter view sets them apart), its heading at
 * `level` in the page's outline.
 */
export function RecordedAtMeeting({ overview, meetingId, part, level = 3 }: { overview: GoalsOverview | undefined; meetingId: string; part?: Part; level?: 2 | 3 }) {
  // Not read yet (or asked for again after a failure): nothing is claimed.
  if (!overview) return <p className="govuk-body">Reading the actions and decisions…</p>;
  const recorded = recordedAtMeeting(overview, meetingId);
  const actions = part === 'decisions' ? [] : recorded.actions;
  const decisions = part === 'actions' ? [] : recorded.decisions;
  if (!actions.length && !decisions.length) return <p className="govuk-body">{noneRecorded[part ?? 'both']} recorded at this meeting yet.</p>;
  const about = (label: string | null) => (label ? `${label}: ` : '');
  return (
    <>
      <Listed heading="Actions agreed" level={level} items={actions.map((a) => ({ id: a.id, text: `${about(a.about)}${a.what} – ${a.owner}, due ${formatDate(a.due)}${a.done ? ' (done)' : ''}` }))} />
      <Listed heading="Decisions made" level={level} items={decisions.map((d) => ({ id: d.id, text: `${about(d.about)}${d.text}` }))} />
    </>
  );
}

function Listed({ heading, level, items }: { heading: string; level: 2 | 3; items: { id: string; text: string }[] }) {
  if (!items.length) return null;
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <>
      <Heading className={level === 2 ? 'govuk-heading-m' : 'govuk-heading-s'}>{heading}</Heading>
      <ul className="govuk-list govuk-list--bullet">
        {items.map((item) => (
          <li key={item.id}>{item.text}</li>
        ))}
      </ul>
    </>
  );
}
