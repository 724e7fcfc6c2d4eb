import { useEffect, useState } from 'react';
import { phaseLabels, phasesFor, type MeetingPhase } from '@shared/meetings/phases';
import type { MeetingKind } from '@shared/meetings/meeting';

export function PhaseBar({ phase, kind }: { phase: MeetingPhase; kind: MeetingKind }) {
  return (
    <nav aria-label="Meeting phases">
      <ol className="app-phases">
        {phasesFor(kind).map((p, index) => (
          <li key={p} className={`app-phases__item${p === phase ? ' app-phases__item--current' : ''}`} aria-current={p === phase ? 'step' : undefined}>
            <span className="app-phases__number">{index + 1}</span> {phaseLabels[p]}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** A countdown to a time the server set, corrected for the difference between the clocks. */
export function Countdown({ endsAt, clockOffset }: { endsAt: string; clockOffset: number }) {
  const [now, setNow] = useState(() => Date.now() + clockOffset);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() + clockOffset), 250);
    return () => clearInterval(timer);
  }, [clockOffset]);
  const remaining = Math.max(0, Math.ceil((Date.parse(endsAt) - now) / 1000));
  const minutes = Math.floor(remaining / 60);
  const seconds = String(remaining % 60).padStart(2, '0');
  return (
    <p className={`app-timer${remaining === 0 ? ' app-timer--done' : ''}`}>
      <span className="govuk-visually-hidden">Time left: </span>
      <span role="timer" aria-live="off">
        {minutes}:{seconds}
      </span>
      {remaining === 0 && <span> – time is up</span>}
    </p>
  );
}
