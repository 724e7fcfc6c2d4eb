import { phaseLabels, phasesFor } from '@shared/meetings/phases';
import type { Meeting } from '@shared/meetings/meeting';
import { unfinishedWork } from '@shared/meetings/unfinished-work';
import type { GoalsOverview } from '@shared/goals/book';
import type { MeetingAction, MeetingStateEvent } from '@shared/realtime';
import { useGoals } from '../../../api/goals';
import { ActionButton, type ActionReply } from './ActionButton';

/** The site's locked goals and how many have an agreed rating at this meeting (null until the goal book is read). */
function goalsWork(overview: GoalsOverview | undefined, meetingId: string) {
  if (!overview) return null;
  if (!overview.locked) return { locked: 0, ratedHere: 0 };
  return { locked: overview.goals.length, ratedHere: overview.goals.filter((g) => g.series.some((s) => s.meetingId === meetingId)).length };
}

/**
 * Moving everyone on to the next phase, or closing the meeting from the last one. It comes after
 * the phase's own work in the facilitator's panel, and is the green button only once that work is
 * done; before then it asks, naming what would be left undone (shared/meetings/unfinished-work.ts).
 */
export function MoveOn({ meeting, view, act, close }: { meeting: Meeting; view: MeetingStateEvent; act: (action: MeetingAction) => Promise<ActionReply>; close: () => Promise<ActionReply> }) {
  const goals = useGoals(meeting.siteId);
  const phases = phasesFor(meeting.kind);
  const next = phases[phases.indexOf(view.phase) + 1];
  if (!next) {
    return (
      <ActionButton variant="warning" run={close} confirm={{ question: 'Close the meeting? The board is frozen and a record is kept; nobody can change it afterwards.', yes: 'Yes, close the meeting' }}>
        Close the meeting
      </ActionButton>
    );
  }
  const unfinished = unfinishedWork({
    kind: meeting.kind,
    phase: view.phase,
    agreedDomains: view.agreed.map((a) => a.domain),
    areasOfNeed: view.areasOfNeed,
    goals: goalsWork(goals.data, meeting.id),
  });
  const here = phaseLabels[view.phase].toLowerCase();
  const there = phaseLabels[next].toLowerCase();
  return (
    <ActionButton
      // A new phase is a new button: no question or outcome carried over from the last one.
      key={view.phase}
      variant={unfinished.length ? 'secondary' : 'primary'}
      run={() => act({ type: 'set-phase', phase: next })}
      confirm={unfinished.length ? { question: `Move everyone on to ${there}? This is not finished:`, unfinished, yes: `Yes, move on to ${there}`, no: `Stay in ${here}` } : undefined}
      done={`Everyone is now in ${there}`}
    >
      Next: {phaseLabels[next]}
    </ActionButton>
  );
}
