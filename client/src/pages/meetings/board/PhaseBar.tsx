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

/** A timer as the server keeps it: when it ends, and the seconds left if a facilitator paused it. */
interface TimerState {
  endsAt: string;
  pausedWithSeconds: number | null;
}

/** A short tone when time is up: an extra, never the only cue (the screen shows it too). */
function playEndTone(): void {
  const AudioContextClass = window.AudioContext as typeof AudioContext | undefined;
  if (!AudioContextClass) return;
  const context = new AudioContextClass();
  const tone = context.createOscillator();
  const volume = context.createGain();
  tone.frequency.value = 660;
  volume.gain.setValueAtTime(0.15, context.currentTime);
  volume.gain.exponentialRampToValueAtTime(0.001, context.currentTime + 1.2);
  tone.connect(volume).connect(context.destination);
  tone.start();
  tone.stop(context.currentTime + 1.2);
  tone.onended = () => void context.close();
}

/**
 * A countdown to a time the server set, corrected for the difference between the clocks. When it
 * reaches zero the whole timer changes (colour, border and the words "Time is up"), so everyone
 * sees it; a tone plays as well only where someone has chosen to hear it.
 */
export function Countdown({ timer, clockOffset, sound = false }: { timer: TimerState; clockOffset: number; sound?: boolean }) {
  const [now, setNow] = useState(() => Date.now() + clockOffset);
  // A timer set, resumed or moved counts from the moment it arrives, not from the last second shown.
  const [countingTo, setCountingTo] = useState(timer.endsAt);
  if (countingTo !== timer.endsAt) {
    setCountingTo(timer.endsAt);
    setNow(Date.now() + clockOffset);
  }
  const paused = timer.pausedWithSeconds !== null;
  const remaining = paused ? timer.pausedWithSeconds! : Math.max(0, Math.ceil((Date.parse(timer.endsAt) - now) / 1000));
  const done = remaining === 0;
  useEffect(() => {
    if (paused || done) return;
    // Wakes when the shown second changes (a hair after, so the rounding has moved), not several
    // times a second: a three-hour meeting on a laptop or phone, and a page that shows nothing new.
    const untilNextSecond = (Date.parse(timer.endsAt) - (Date.now() + clockOffset)) % 1000;
    const waking = setTimeout(() => setNow(Date.now() + clockOffset), (untilNextSecond > 0 ? untilNextSecond : 1000) + 10);
    return () => clearTimeout(waking);
  }, [now, paused, done, timer.endsAt, clockOffset]);
  const [toned, setToned] = useState<string | null>(null);
  useEffect(() => {
    if (done && sound && toned !== timer.endsAt) {
      setToned(timer.endsAt);
      playEndTone();
    }
  }, [done, sound, toned, timer.endsAt]);
  const minutes = Math.floor(remaining / 60);
  const seconds = String(remaining % 60).padStart(2, '0');
  return (
    <div className={`app-timer${done ? ' app-timer--done' : ''}${paused ? ' app-timer--paused' : ''}`} data-testid="timer">
      <p className="app-timer__time">
        <span className="govuk-visually-hidden">Time left: </span>
        <span role="timer" aria-live="off">
          {minutes}:{seconds}
        </span>
      </p>
      {/* Said once when it happens, for screen readers; the change of colour and words is for everyone else. */}
      <p className="app-timer__cue" role="status">
        {done ? 'Time is up' : paused ? 'Timer paused' : ''}
      </p>
    </div>
  );
}

/** Whether this browser plays a tone when a timer ends: off unless chosen, remembered on this device. */
export function useEndTone(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => typeof localStorage !== 'undefined' && localStorage.getItem('timer-tone') === 'on');
  return [
    on,
    (next: boolean) => {
      localStorage.setItem('timer-tone', next ? 'on' : 'off');
      setOn(next);
    },
  ];
}

export function EndToneChoice({ on, choose }: { on: boolean; choose: (on: boolean) => void }) {
  return (
    <div className="govuk-checkboxes govuk-checkboxes--small app-timer__tone" data-module="govuk-checkboxes">
      <div className="govuk-checkboxes__item">
        <input className="govuk-checkboxes__input" id="timer-tone" type="checkbox" checked={on} onChange={(e) => choose(e.target.checked)} />
        <label className="govuk-label govuk-checkboxes__label" htmlFor="timer-tone">
          Also play a sound when time is up
        </label>
      </div>
    </div>
  );
}
