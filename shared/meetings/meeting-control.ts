import { z } from 'zod';
import { addSeconds, differenceInSeconds } from 'date-fns';
import { PhaseEntry } from './agenda';

/**
 * Running the meeting, beside its content: which facilitator drives, the timer, the pause and
 * the ready check. Kept apart from facilitation.ts so each reducer stays small; that one calls
 * `applyControlAction` for these actions, after the table of meeting actions has allowed them.
 */
const Person = z.object({ userId: z.string(), name: z.string() });

const Driver = Person.extend({
  /** Their last connection to the meeting closed: the other facilitator is offered the controls. */
  away: z.boolean().default(false),
});

export const Timer = z.object({
  endsAt: z.string(),
  seconds: z.number(),
  /** Seconds that were left when a facilitator paused it; null while it runs. */
  pausedWithSeconds: z.number().nullable().default(null),
});
export type Timer = z.infer<typeof Timer>;

const Pause = z.object({ message: z.string(), since: z.string() });
const ReadyCheck = z.object({ startedAt: z.string(), ready: z.array(Person) });

/** The running part of the stored state; every field has a default, so older records read as before. */
export const ControlState = z.object({
  driver: Driver.nullable().default(null),
  paused: Pause.nullable().default(null),
  readyCheck: ReadyCheck.nullable().default(null),
  /** Each move to another phase, after the start (which is the meeting's `startedAt`). */
  phaseLog: z.array(PhaseEntry).default([]),
});
export type ControlState = z.infer<typeof ControlState>;

export const initialControlState = (): ControlState => ({ driver: null, paused: null, readyCheck: null, phaseLog: [] });

const defaultPauseMessage = 'The meeting is paused. The board is read-only until the facilitator resumes it.';

export const ControlAction = [
  z.object({ type: z.literal('take-controls') }),
  z.object({ type: z.literal('hand-over'), to: z.string({ error: 'Choose who takes the controls' }).min(1, 'Choose who takes the controls').max(64) }),
  z.object({ type: z.literal('pause-timer') }),
  z.object({ type: z.literal('resume-timer') }),
  z.object({ type: z.literal('extend-timer'), seconds: z.number().int().min(30, 'Add at least 30 seconds').max(1800, 'Add at most 30 minutes') }),
  z.object({ type: z.literal('pause-meeting'), message: z.string().trim().max(200, 'Keep the message to 200 characters or fewer').default('') }),
  z.object({ type: z.literal('resume-meeting') }),
  z.object({ type: z.literal('start-ready-check') }),
  z.object({ type: z.literal('mark-ready'), ready: z.boolean() }),
  z.object({ type: z.literal('end-ready-check') }),
] as const;
type ControlAction = z.infer<(typeof ControlAction)[number]>;
export const controlActionTypes: ReadonlySet<string> = new Set(ControlAction.map((a) => a.shape.type.value));

interface ControlContext {
  actor: { userId: string; name?: string };
  now: Date;
  /** The site's facilitators: the only people the controls may be handed to. */
  facilitators: readonly { userId: string; name: string }[];
}

type Result = { ok: true } | { ok: false; error: string };

/** The state with the timer paused or running as asked, or a refusal. Changes `next` in place. */
function changeTimer(next: { timer: Timer | null }, action: ControlAction, now: Date): Result {
  const timer = next.timer;
  if (!timer) return { ok: false, error: 'There is no timer running' };
  if (action.type === 'pause-timer') {
    if (timer.pausedWithSeconds !== null) return { ok: false, error: 'The timer is already paused' };
    timer.pausedWithSeconds = Math.max(0, differenceInSeconds(new Date(timer.endsAt), now));
  } else if (action.type === 'resume-timer') {
    if (timer.pausedWithSeconds === null) return { ok: false, error: 'The timer is not paused' };
    timer.endsAt = addSeconds(now, timer.pausedWithSeconds).toISOString();
    timer.pausedWithSeconds = null;
  } else if (action.type === 'extend-timer') {
    timer.seconds += action.seconds;
    if (timer.pausedWithSeconds !== null) timer.pausedWithSeconds += action.seconds;
    // A timer that has run out starts again from now, so the extension is time people actually get.
    else timer.endsAt = addSeconds(new Date(Math.max(Date.parse(timer.endsAt), now.getTime())), action.seconds).toISOString();
  }
  return { ok: true };
}

/** Applies one running action to a copy of the state (changed in place). */
export function applyControlAction(next: ControlState & { timer: Timer | null }, action: ControlAction, context: ControlContext): Result {
  const { actor, now } = context;
  const me = { userId: actor.userId, name: actor.name ?? '' };
  switch (action.type) {
    case 'take-controls':
      next.driver = { ...me, away: false };
      return { ok: true };
    case 'hand-over': {
      if (action.to === actor.userId) return { ok: false, error: 'You already have the controls' };
      const to = context.facilitators.find((f) => f.userId === action.to);
      if (!to) return { ok: false, error: 'The controls can be handed only to a facilitator of this site' };
      next.driver = { ...to, away: false };
      return { ok: true };
    }
    case 'pause-timer':
    case 'resume-timer':
    case 'extend-timer':
      return changeTimer(next, action, now);
    case 'pause-meeting':
      if (next.paused) return { ok: false, error: 'The meeting is already paused' };
      next.paused = { message: action.message || defaultPauseMessage, since: now.toISOString() };
      return { ok: true };
    case 'resume-meeting':
      if (!next.paused) return { ok: false, error: 'The meeting is not paused' };
      next.paused = null;
      return { ok: true };
    case 'start-ready-check':
      next.readyCheck = { startedAt: now.toISOString(), ready: [] };
      return { ok: true };
    case 'mark-ready':
      if (!next.readyCheck) return { ok: false, error: 'There is no ready check now' };
      next.readyCheck.ready = next.readyCheck.ready.filter((p) => p.userId !== actor.userId);
      if (action.ready) next.readyCheck.ready.push(me);
      return { ok: true };
    case 'end-ready-check':
      if (!next.readyCheck) return { ok: false, error: 'There is no ready check now' };
      next.readyCheck = null;
      return { ok: true };
  }
}

/**
 * Why this person may not take a driver's action now; null when they may. The first facilitator
 * to drive takes the controls; after that only the driver drives until they hand over, or until
 * their connection drops and the other facilitator takes the controls.
 */
export function driverRefusal(state: Pick<ControlState, 'driver'>, actorId: string, driverOnly: boolean, type: string): string | null {
  const driver = state.driver;
  if (type === 'take-controls') {
    if (!driver || driver.away || driver.userId === actorId) return null;
    return `${driver.name || 'The other facilitator'} has the controls: ask them to hand over`;
  }
  if (!driverOnly || !driver || driver.userId === actorId) return null;
  return `${driver.name || 'The other facilitator'} is driving the meeting: only they can do that until they hand over the controls`;
}
