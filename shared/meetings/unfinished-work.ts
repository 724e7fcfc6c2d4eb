import { cascadeDomains, type DomainId } from '../cascade/framework';
import { goalsToLock } from '../goals/book';
import { phasesOf, type MeetingActionType } from '../meeting-actions';
import type { MeetingKind } from './meeting';
import type { MeetingPhase } from './phases';

/** What the board knows of a meeting's work so far: enough to say what the current phase leaves undone. */
export interface PhaseWork {
  kind: MeetingKind;
  phase: MeetingPhase;
  /** Domains with an agreed rating at this meeting. */
  agreedDomains: readonly DomainId[];
  areasOfNeed: readonly DomainId[];
  /** The site's locked goals, and how many of them have an agreed rating at this meeting; null until known. */
  goals: { locked: number; ratedHere: number } | null;
}

/** "2", "2 and 5", "2, 5 and 7". */
function listed(items: readonly (string | number)[]): string {
  const words = items.map(String);
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** Whether the table of meeting actions puts this action in the meeting's current phase. */
const belongsHere = (type: MeetingActionType, work: PhaseWork) => phasesOf(type, work.kind).includes(work.phase);

/**
 * What moving on from the current phase would leave undone, in words for the facilitator's
 * "are you sure": a consultation once went from welcome to close in four clicks with no agreed
 * ratings and no goals. The work expected of a phase is the work the table of meeting actions
 * puts in it. A tailored session works through the areas it chose, so it is never asked for all
 * seven domains.
 */
export function unfinishedWork(work: PhaseWork): string[] {
  const missing: string[] = [];
  if (belongsHere('record-agreed-rating', work) && work.kind !== 'tailored-support') {
    const agreed = new Set(work.agreedDomains);
    const unrated = cascadeDomains.filter((d) => !agreed.has(d.id)).map((d) => d.id);
    if (unrated.length === cascadeDomains.length) missing.push('No domain has an agreed rating yet');
    else if (unrated.length) missing.push(`No agreed rating yet for ${unrated.length === 1 ? 'domain' : 'domains'} ${listed(unrated)}`);
  }
  if (belongsHere('settle-areas-of-need', work) && work.areasOfNeed.length === 0) missing.push('The areas of greatest need have not been settled');
  if (work.goals) {
    const { locked, ratedHere } = work.goals;
    if (belongsHere('lock-goals', work) && locked < goalsToLock) missing.push(`${locked === 0 ? 'No goals are' : `Only ${locked} of ${goalsToLock} goals are`} locked: the site needs ${goalsToLock}`);
    else if (belongsHere('record-goal-rating', work) && ratedHere < locked) {
      const unrated = locked - ratedHere;
      missing.push(`${unrated} of the ${locked} goals ${unrated === 1 ? 'has' : 'have'} no agreed rating at this meeting`);
    }
  }
  return missing;
}
