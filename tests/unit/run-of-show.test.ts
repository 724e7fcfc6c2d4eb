import { describe, expect, it } from 'vitest';
import { addMinutes, addSeconds, subMinutes } from 'date-fns';
import { cutHint, defaultPlan, describeDrift, planRefusal, runOfShow } from '@shared/meetings/agenda';
import { applyAction, FacilitationAction, initialFacilitationState, viewFor, type FacilitationState } from '@shared/meetings/facilitation';
import { MeetingKind } from '@shared/meetings/meeting';
import { phasesFor } from '@shared/meetings/phases';
import { scriptFor, defaultScript, reviewScript } from '@shared/meetings/script';
import type { SiteRole } from '@shared/roles';

const now = new Date();
const driver = { userId: 'f1', name: 'Farah', role: 'facilitator' as SiteRole };
const supporter = { userId: 'f2', name: 'Cora', role: 'facilitator' as SiteRole };
const stakeholder = { userId: 's1', name: 'Sam', role: 'stakeholder' as SiteRole };
const facilitators = [driver, supporter].map(({ userId, name }) => ({ userId, name }));

function act(state: FacilitationState, raw: unknown, actor = driver, at = now) {
  return applyAction(state, FacilitationAction.parse(raw), { actor, now: at, preRatings: [], kind: 'consultation', facilitators });
}
function ok(state: FacilitationState, raw: unknown, actor = driver, at = now): FacilitationState {
  const outcome = act(state, raw, actor, at);
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.state;
}
const refusal = (state: FacilitationState, raw: unknown, actor = driver) => {
  const outcome = act(state, raw, actor);
  return outcome.ok ? null : outcome.error;
};

describe('the default plan of a meeting', () => {
  it('gives the consultation three hours and each review ninety minutes, in the phases of its kind', () => {
    const consultation = defaultPlan('consultation', 180);
    expect(consultation.map((p) => p.phase)).toEqual(phasesFor('consultation'));
    expect(consultation.reduce((sum, p) => sum + p.minutes, 0)).toBe(180);
    expect(consultation.find((p) => p.phase === 'domain-review')!.minutes).toBe(90);
    const review = defaultPlan('review-3m', 90);
    expect(review.map((p) => p.phase)).toEqual(phasesFor('review-3m'));
    expect(review.reduce((sum, p) => sum + p.minutes, 0)).toBe(90);
  });

  it.each(MeetingKind.options)('sums to any booked length for a %s', (kind) => {
    for (const booked of [15, 60, 90, 120, 135, 180, 240]) {
      const plan = defaultPlan(kind, booked);
      expect(plan.reduce((sum, p) => sum + p.minutes, 0)).toBe(booked);
      expect(plan.every((p) => p.minutes >= 1)).toBe(true);
      expect(planRefusal(plan, kind, booked)).toBeNull();
    }
  });

  it('refuses a plan that does not add up to the booking, or misses a phase, saying why', () => {
    const plan = defaultPlan('consultation', 180);
    expect(planRefusal(plan.map((p, i) => (i === 0 ? { ...p, minutes: p.minutes - 10 } : p)), 'consultation', 180)).toBe(
      'The phases add up to 170 minutes; the meeting is booked for 180. Make them add up to 180.',
    );
    expect(planRefusal(plan.slice(1), 'consultation', 180)).toMatch(/^Give a time for each phase, in order: Welcome/);
  });
});

describe('planned against actual', () => {
  const plan = defaultPlan('consultation', 180);
  const start = subMinutes(now, 60);

  it('is on time while each phase keeps to its box', () => {
    const show = runOfShow(plan, [{ phase: 'welcome', at: start.toISOString() }, { phase: 'domain-review', at: addMinutes(start, 20).toISOString() }], now);
    expect(show.behindSeconds).toBe(0);
    expect(describeDrift(show.behindSeconds)).toBe('On time');
    expect(show.phases.map((p) => p.state)).toEqual(['done', 'current', 'to-come', 'to-come', 'to-come']);
    expect(show.phases[0]!.actualSeconds).toBe(20 * 60);
    expect(show.phases[1]!.actualSeconds).toBe(40 * 60);
    expect(show.projectedEnd).toEqual(addMinutes(start, 180));
  });

  it('is behind by a late start of the phase plus what the phase has outrun, and says what to cut', () => {
    // The welcome took 35 minutes of its 20, and the domain review has run 100 of its 90.
    const begun = subMinutes(now, 135);
    const show = runOfShow(plan, [{ phase: 'welcome', at: begun.toISOString() }, { phase: 'domain-review', at: addMinutes(begun, 35).toISOString() }], now);
    expect(show.behindSeconds).toBe((15 + 10) * 60);
    expect(describeDrift(show.behindSeconds)).toBe('25 min behind');
    expect(show.projectedEnd).toEqual(addMinutes(begun, 205));
    expect(cutHint('domain-review', show.behindSeconds)).toMatch(/fewer domains in depth/);
  });

  it('counts time saved in earlier phases as ahead, and offers no cut', () => {
    const show = runOfShow(plan, [{ phase: 'welcome', at: start.toISOString() }, { phase: 'domain-review', at: addMinutes(start, 12).toISOString() }], addMinutes(start, 13));
    expect(describeDrift(show.behindSeconds)).toBe('8 min ahead');
    expect(cutHint('domain-review', show.behindSeconds)).toBeNull();
  });

  it('adds up every stay in a phase that was gone back to', () => {
    const entries = [
      { phase: 'welcome' as const, at: start.toISOString() },
      { phase: 'domain-review' as const, at: addMinutes(start, 10).toISOString() },
      { phase: 'welcome' as const, at: addMinutes(start, 30).toISOString() },
      { phase: 'domain-review' as const, at: addMinutes(start, 35).toISOString() },
    ];
    const show = runOfShow(plan, entries, now);
    expect(show.phases[0]!.actualSeconds).toBe(15 * 60);
    expect(show.phases[1]!.actualSeconds).toBe(45 * 60);
  });
});

describe('driving the meeting', () => {
  it('gives the controls to the first facilitator who drives; the other is refused until handed over', () => {
    const state = ok(initialFacilitationState(), { type: 'set-phase', phase: 'domain-review' });
    expect(state.driver).toEqual({ userId: 'f1', name: 'Farah', away: false });
    expect(state.phaseLog).toEqual([{ phase: 'domain-review', at: now.toISOString() }]);
    expect(refusal(state, { type: 'focus', domain: 2 }, supporter)).toBe('Farah is driving the meeting: only they can do that until they hand over the controls');
    expect(refusal(state, { type: 'take-controls' }, supporter)).toBe('Farah has the controls: ask them to hand over');
    const handed = ok(state, { type: 'hand-over', to: 'f2' });
    expect(handed.driver?.userId).toBe('f2');
    expect(refusal(handed, { type: 'set-phase', phase: 'goals' })).toMatch(/^Cora is driving/);
    expect(ok(handed, { type: 'focus', domain: 3 }, supporter).focus).toBe(3);
  });

  it('hands over only to a facilitator of the site, and never to a participant', () => {
    const state = ok(initialFacilitationState(), { type: 'take-controls' });
    expect(refusal(state, { type: 'hand-over', to: 's1' })).toBe('The controls can be handed only to a facilitator of this site');
    expect(refusal(state, { type: 'hand-over', to: 'f1' })).toBe('You already have the controls');
    expect(refusal(state, { type: 'take-controls' }, stakeholder)).toBe('Only a facilitator can do that');
    expect(refusal(state, { type: 'hand-over', to: 's1' }, stakeholder)).toBe('Only a facilitator can do that');
  });

  it('lets the other facilitator take the controls once the driver has gone', () => {
    const state = ok(initialFacilitationState(), { type: 'take-controls' });
    const away = { ...state, driver: { ...state.driver!, away: true } };
    expect(ok(away, { type: 'take-controls' }, supporter).driver).toEqual({ userId: 'f2', name: 'Cora', away: false });
    expect(refusal(away, { type: 'take-controls' }, stakeholder)).toBe('Only a facilitator can do that');
  });
});

describe('the timer', () => {
  it('pauses with the seconds left, resumes from them, and is extended by the driver', () => {
    const started = ok(initialFacilitationState(), { type: 'start-timer', seconds: 300 });
    const paused = ok(started, { type: 'pause-timer' }, driver, addSeconds(now, 100));
    expect(paused.timer?.pausedWithSeconds).toBe(200);
    const resumed = ok(paused, { type: 'resume-timer' }, driver, addSeconds(now, 1000));
    expect(resumed.timer).toEqual({ endsAt: addSeconds(now, 1200).toISOString(), seconds: 300, pausedWithSeconds: null });
    const extended = ok(resumed, { type: 'extend-timer', seconds: 60 });
    expect(extended.timer?.endsAt).toBe(addSeconds(now, 1260).toISOString());
    expect(refusal(initialFacilitationState(), { type: 'pause-timer' })).toBe('There is no timer running');
  });

  it('extends a timer that has run out from now', () => {
    const started = ok(initialFacilitationState(), { type: 'start-timer', seconds: 60 });
    const later = addSeconds(now, 600);
    expect(ok(started, { type: 'extend-timer', seconds: 120 }, driver, later).timer?.endsAt).toBe(addSeconds(later, 120).toISOString());
  });
});

describe('pausing the meeting and the ready check', () => {
  it('refuses every change to the board while paused, and takes them again once resumed', () => {
    const review = ok(initialFacilitationState(), { type: 'set-phase', phase: 'domain-review' });
    const paused = ok(review, { type: 'pause-meeting', message: '' });
    expect(paused.paused?.message).toMatch(/^The meeting is paused/);
    const note = { type: 'add-note', noteId: 'note-one', domain: 1, list: 'strength', text: 'A strength' };
    expect(refusal(paused, note, stakeholder)).toBe('The meeting is paused: the board takes no changes until a facilitator resumes it');
    expect(refusal(paused, note)).toBe('The meeting is paused: the board takes no changes until a facilitator resumes it');
    expect(refusal(paused, { type: 'resume-meeting' }, stakeholder)).toBe('Only a facilitator can do that');
    expect(refusal(paused, { type: 'resume-meeting' }, supporter)).toMatch(/^Farah is driving/);
    const resumed = ok(paused, { type: 'resume-meeting' });
    expect(act(resumed, note, stakeholder).ok).toBe(true);
  });

  it('shows who is ready by name, and each person whether they are', () => {
    const checking = ok(initialFacilitationState(), { type: 'start-ready-check' }, supporter);
    const ready = ok(checking, { type: 'mark-ready', ready: true }, stakeholder);
    const view = viewFor(ready, { userId: 's1', role: 'stakeholder', meeting: { kind: 'consultation', lockedGoalIds: [] } }, now);
    expect(view.readyCheck).toEqual({ ready: ['Sam'], mine: true });
    expect(viewFor(ready, { userId: 'f1', role: 'facilitator', meeting: { kind: 'consultation', lockedGoalIds: [] } }, now).readyCheck?.mine).toBe(false);
    expect(ok(ready, { type: 'mark-ready', ready: false }, stakeholder).readyCheck?.ready).toEqual([]);
    expect(refusal(initialFacilitationState(), { type: 'mark-ready', ready: true }, stakeholder)).toBe('There is no ready check now');
  });
});

describe('the facilitator script', () => {
  it('is the guide’s unless the site wrote its own for a phase', () => {
    expect(scriptFor(null)).toEqual({ phases: defaultScript, edited: false });
    const own = scriptFor({ phases: { goals: 'Our own goals notes' } });
    expect(own.phases.goals).toBe('Our own goals notes');
    expect(own.phases.welcome).toBe(defaultScript.welcome);
    expect(own.edited).toBe(true);
  });

  it('at a review, is the review’s own where the guide gives one: no "agree three SMART goals" or "sessions chosen after this meeting"', () => {
    const review = scriptFor(null, 'review-6m');
    expect(review.phases.goals).toBe(reviewScript.goals);
    expect(review.phases.goals).not.toContain('Agree three SMART goals');
    expect(review.phases.close).not.toContain('tailored support sessions');
    expect(review.phases['areas-of-need']).toBe(defaultScript['areas-of-need']);
    // The site's own notes still come first.
    expect(scriptFor({ phases: { goals: 'Our own goals notes' } }, 'review-3m').phases.goals).toBe('Our own goals notes');
    expect(scriptFor(null, 'tailored-support').phases.goals).toBe(defaultScript.goals);
  });
});
