import { describe, expect, it } from 'vitest';
import { cascadeDomains } from '@shared/cascade/framework';
import {
  applyAction,
  distributionOf,
  FacilitationAction,
  initialFacilitationState,
  leadingDomains,
  viewFor,
  voteTotals,
  type FacilitationState,
} from '@shared/meetings/facilitation';
import { phasesFor, type MeetingPhase } from '@shared/meetings/phases';

const facilitator = { userId: 'f', role: 'facilitator' as const };
const participant = (userId: string) => ({ userId, role: 'stakeholder' as const });
const looking = (userId: string) => ({ userId, role: 'stakeholder' as const, meeting: { kind: 'consultation' as const, lockedGoalIds: [] } });
/** A consultation moved on to this phase (the table lets each action only into its own). */
const inPhase = (phase: MeetingPhase): FacilitationState => ({ ...initialFacilitationState(), phase });
const now = new Date('2026-01-10T10:00:00Z');
const preRatings = [
  { domain: 2 as const, rating: 3 as const },
  { domain: 2 as const, rating: 3 as const },
  { domain: 2 as const, rating: 5 as const },
  { domain: 2 as const, rating: null },
  { domain: 4 as const, rating: 1 as const },
];

function run(state: FacilitationState, raw: unknown, actor: { userId: string; role: 'facilitator' | 'stakeholder' } = facilitator) {
  const result = applyAction(state, FacilitationAction.parse(raw), { actor, now, preRatings, kind: 'consultation' });
  if (!result.ok) throw new Error(result.error);
  return result.state;
}

describe('the CASCADE framework', () => {
  it('has the seven domains in order, with text only from the guide', () => {
    expect(cascadeDomains.map((d) => d.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(cascadeDomains[0]!.goldStandard).toMatch(/^Full mapping of all sources of support/);
    // The guide gives no gold standard for domain 5: we leave it empty rather than invent one.
    expect(cascadeDomains[4]!.goldStandard).toBe('');
    for (const d of cascadeDomains) expect(d.learningOutcomes.length).toBeGreaterThan(0);
  });
});

describe('facilitation', () => {
  it('only a facilitator changes the phase, focus, reveals or timer', () => {
    const state = inPhase('domain-review');
    for (const action of [{ type: 'set-phase', phase: 'domain-review' }, { type: 'focus', domain: 3 }, { type: 'reveal-ratings', domain: 2 }, { type: 'start-timer', seconds: 60 }]) {
      const result = applyAction(state, FacilitationAction.parse(action), { actor: participant('p'), now, preRatings, kind: 'consultation' });
      expect(result).toEqual({ ok: false, error: 'Only a facilitator can do that' });
    }
  });

  it('reveals only the distribution of pre-meeting ratings for a domain', () => {
    const state = run(inPhase('domain-review'), { type: 'reveal-ratings', domain: 2 });
    expect(state.revealed).toEqual([{ domain: 2, distribution: { counts: [0, 0, 2, 0, 1], dontKnow: 1, responses: 4 } }]);
    expect(JSON.stringify(state.revealed)).not.toMatch(/userId|"p\d"/);
  });

  it('records one agreed rating per domain with its rationale', () => {
    let state = run(inPhase('domain-review'), { type: 'record-agreed-rating', domain: 5, rating: 2, rationale: 'Few shared forums' });
    state = run(state, { type: 'record-agreed-rating', domain: 5, rating: 3, rationale: 'Revised after discussion' });
    expect(state.agreed).toEqual([{ domain: 5, rating: 3, rationale: 'Revised after discussion', recordedBy: 'f', recordedAt: now.toISOString() }]);
  });

  it('refuses out-of-range input before it reaches the meeting', () => {
    expect(FacilitationAction.safeParse({ type: 'record-agreed-rating', domain: 3, rating: 9, rationale: 'x' }).success).toBe(false);
    expect(FacilitationAction.safeParse({ type: 'focus', domain: 12 }).success).toBe(false);
    expect(FacilitationAction.safeParse({ type: 'cast-votes', domains: [1, 12] }).success).toBe(false);
    expect(FacilitationAction.safeParse({ type: 'record-agreed-rating', domain: 3, rating: 4, rationale: '' }).success).toBe(false);
    expect(FacilitationAction.safeParse({ type: 'launch-rockets' }).success).toBe(false);
  });

  it('keeps votes secret until revealed, then shows totals only', () => {
    let state = run(inPhase('areas-of-need'), { type: 'open-voting', budget: 3 });
    state = run(state, { type: 'cast-votes', domains: [2, 2, 6] }, participant('p1'));
    state = run(state, { type: 'cast-votes', domains: [6, 7] }, participant('p2'));
    const hidden = viewFor(state, looking('p2'), now);
    expect(hidden.voting).toEqual({ status: 'open', budget: 3, voters: 2, myVotes: [6, 7], totals: null });
    expect(JSON.stringify(viewFor(state, looking('f'), now))).not.toContain('"p1"');
    state = run(state, { type: 'reveal-votes' });
    const shown = viewFor(state, looking('p2'), now);
    expect(shown.voting.totals).toMatchObject({ 2: 2, 6: 2, 7: 1, 1: 0 });
    expect(JSON.stringify(shown)).not.toContain('"p1"');
  });

  it('refuses over-budget votes and votes when voting is closed', () => {
    const closed = applyAction(inPhase('areas-of-need'), FacilitationAction.parse({ type: 'cast-votes', domains: [1] }), { actor: participant('p'), now, preRatings, kind: 'consultation' });
    expect(closed).toEqual({ ok: false, error: 'Voting is not open' });
    const open = run(inPhase('areas-of-need'), { type: 'open-voting', budget: 2 });
    const over = applyAction(open, FacilitationAction.parse({ type: 'cast-votes', domains: [1, 2, 3] }), { actor: participant('p'), now, preRatings, kind: 'consultation' });
    expect(over).toMatchObject({ ok: false, error: 'You have 2 votes; you tried to use 3' });
  });

  it('settles the areas of greatest need only after the reveal', () => {
    const open = run(inPhase('areas-of-need'), { type: 'open-voting' });
    expect(applyAction(open, FacilitationAction.parse({ type: 'settle-areas-of-need', domains: [2] }), { actor: facilitator, now, preRatings, kind: 'consultation' })).toMatchObject({ ok: false, error: 'Reveal the votes before settling the areas of greatest need' });
    const settled = run(run(open, { type: 'reveal-votes' }), { type: 'settle-areas-of-need', domains: [6, 2] });
    expect(settled.areasOfNeed).toEqual([6, 2]);
  });

  it('offers the leading domains, with ties at the cut-off for the facilitator to settle', () => {
    const totals = voteTotals({ a: [2, 2, 6], b: [6, 7, 3], c: [3, 1, 1] });
    expect(leadingDomains(totals, 2)).toEqual([1, 2, 3, 6]);
    expect(leadingDomains(voteTotals({ a: [4, 4, 4] }), 3)).toEqual([4]);
  });

  it('sets a timer from server time', () => {
    const state = run(initialFacilitationState(), { type: 'start-timer', seconds: 90 });
    expect(state.timer).toEqual({ endsAt: '2026-01-10T10:01:30.000Z', seconds: 90, pausedWithSeconds: null });
  });

  it('counts each change in the version', () => {
    const state = run(run(inPhase('domain-review'), { type: 'focus', domain: 1 }), { type: 'focus', domain: 2 });
    expect(state.version).toBe(2);
  });

  it('refuses an action outside its phase or kind of meeting in words, and changes nothing', () => {
    const welcome = initialFacilitationState();
    const before = structuredClone(welcome);
    const vote = applyAction(welcome, FacilitationAction.parse({ type: 'cast-votes', domains: [1] }), { actor: participant('p'), now, preRatings, kind: 'consultation' });
    expect(vote).toEqual({ ok: false, error: 'Dot voting belongs to the “Areas of greatest need” phase; the meeting is in “Welcome and survey results”' });
    const review = applyAction(inPhase('goals'), FacilitationAction.parse({ type: 'open-voting' }), { actor: facilitator, now, preRatings, kind: 'review-3m' });
    expect(review).toEqual({ ok: false, error: 'Dot voting is not part of a 3-month review meeting' });
    expect(welcome).toEqual(before);
  });

  it('computes a distribution of nobody as empty', () => {
    expect(distributionOf([], 1)).toEqual({ counts: [0, 0, 0, 0, 0], dontKnow: 0, responses: 0 });
  });
});

describe('phases by kind of meeting', () => {
  it('gives each kind its own phases, and refuses a phase the meeting does not have', () => {
    expect(phasesFor('consultation')).toEqual(['welcome', 'domain-review', 'areas-of-need', 'goals', 'close']);
    expect(phasesFor('review-3m')).toEqual(['welcome', 'domain-review', 'goals', 'close']);
    expect(phasesFor('tailored-support')).toEqual(['welcome', 'domain-review', 'close']);
    const toNeeds = FacilitationAction.parse({ type: 'set-phase', phase: 'areas-of-need' });
    expect(applyAction(initialFacilitationState(), toNeeds, { actor: facilitator, now, preRatings, kind: 'review-6m' })).toEqual({ ok: false, error: 'This meeting has no “Areas of greatest need” phase' });
    expect(applyAction(initialFacilitationState(), toNeeds, { actor: facilitator, now, preRatings, kind: 'consultation' }).ok).toBe(true);
  });
});
