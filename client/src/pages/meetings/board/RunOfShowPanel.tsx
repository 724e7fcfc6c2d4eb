import { useEffect, useState } from 'react';
import { cutHint, describeDrift, runOfShow, type PhaseEntry, type RunOfShow } from '@shared/meetings/agenda';
import { phaseLabels } from '@shared/meetings/phases';
import type { Meeting } from '@shared/meetings/meeting';
import type { MeetingStateEvent } from '@shared/realtime';
import { useMeetingPlan, useMeetingScript } from '../../../api/run-of-show';
import { formatClock } from './clock';

/** Minutes as people say them on a call: "1 h 30 min", "45 min". */
const duration = (seconds: number) => {
  if (seconds < 60) return 'under 1 min';
  const minutes = Math.round(seconds / 60);
  return minutes >= 60 ? `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''}` : `${minutes} min`;
};

/** The time now, on the server's clock, moving once every few seconds (the table needs no more). */
function useServerNow(clockOffset: number): Date {
  const [now, setNow] = useState(() => new Date(Date.now() + clockOffset));
  useEffect(() => {
    const ticking = setInterval(() => setNow(new Date(Date.now() + clockOffset)), 5_000);
    return () => clearInterval(ticking);
  }, [clockOffset]);
  return now;
}

/** The run of show now, for a facilitator (null until the plan has come). */
function useRunOfShow(meeting: Meeting, view: MeetingStateEvent, clockOffset: number) {
  const plan = useMeetingPlan(meeting.id);
  const now = useServerNow(clockOffset);
  if (!plan.data) return null;
  const entries: PhaseEntry[] = [{ phase: 'welcome', at: meeting.startedAt ?? meeting.startsAt }, ...view.phaseLog];
  return { plan: plan.data, show: runOfShow(plan.data.phases, entries, now) };
}

/** Ahead or behind, at the top of the board beside the timer, so neither facilitator has to scroll for it. */
export function DriftSummary({ meeting, view, clockOffset }: { meeting: Meeting; view: MeetingStateEvent; clockOffset: number }) {
  const run = useRunOfShow(meeting, view, clockOffset);
  if (!run) return null;
  const late = run.show.behindSeconds >= 120;
  return (
    <p className={`app-run-of-show__drift app-run-of-show__drift--summary${late ? ' app-run-of-show__drift--late' : ''}`} data-testid="drift-summary">
      <strong>{describeDrift(run.show.behindSeconds)}</strong> · ends about {formatClock(run.show.projectedEnd)}
      {late && <a className="govuk-link govuk-!-margin-left-2" href="#run-of-show-heading">What to cut</a>}
    </p>
  );
}

/**
 * The facilitators' run of show: the plan against the time each phase has taken, how far ahead
 * or behind the meeting is, what to cut when behind, and the script for this phase. Fetched over
 * the facilitators' own routes: none of it is in the meeting's shared state.
 */
export function RunOfShowPanel({ meeting, view, clockOffset }: { meeting: Meeting; view: MeetingStateEvent; clockOffset: number }) {
  const run = useRunOfShow(meeting, view, clockOffset);
  const script = useMeetingScript(meeting.id, true);
  return (
    <section className="app-run-of-show" aria-labelledby="run-of-show-heading">
      <h2 className="govuk-heading-s" id="run-of-show-heading">
        Run of show
      </h2>
      {run && <PlanAgainstActual show={run.show} current={view.phase} />}
      {script.data && (
        <div className="app-run-of-show__script">
          <h3 className="govuk-heading-s govuk-!-margin-bottom-1">Your script: {phaseLabels[view.phase].toLowerCase()}</h3>
          <p className="govuk-body-s govuk-!-margin-bottom-1 app-run-of-show__private">Only facilitators see this.</p>
          <p className="govuk-body-s" data-testid="facilitator-script">
            {script.data.phases[view.phase]}
          </p>
        </div>
      )}
    </section>
  );
}

function PlanAgainstActual({ show, current }: { show: RunOfShow; current: MeetingStateEvent['phase'] }) {
  const hint = cutHint(current, show.behindSeconds);
  const drift = describeDrift(show.behindSeconds);
  const late = show.behindSeconds >= 120;
  return (
    <>
      <p className={`app-run-of-show__drift${late ? ' app-run-of-show__drift--late' : ''}`} data-testid="drift">
        <strong>{drift}</strong>
        <span className="govuk-body-s"> · ends about {formatClock(show.projectedEnd)} (planned {formatClock(show.plannedEnd)})</span>
      </p>
      {hint && (
        <div className="govuk-inset-text app-run-of-show__cut" data-testid="cut-hint">
          <strong>What to cut:</strong> {hint}
        </div>
      )}
      <table className="govuk-table app-run-of-show__table">
        <caption className="govuk-table__caption govuk-visually-hidden">Planned and actual time of each phase</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Phase
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Plan
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              So far
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {show.phases.map((p) => (
            <tr key={p.phase} className={`govuk-table__row${p.state === 'current' ? ' app-run-of-show__current' : ''}`} aria-current={p.state === 'current' ? 'step' : undefined}>
              <th scope="row" className="govuk-table__header">
                {phaseLabels[p.phase]}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{p.plannedMinutes} min</td>
              <td className={`govuk-table__cell govuk-table__cell--numeric${p.actualSeconds > p.plannedMinutes * 60 ? ' app-run-of-show__over' : ''}`}>
                {p.state === 'to-come' && p.actualSeconds === 0 ? '–' : duration(p.actualSeconds)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
