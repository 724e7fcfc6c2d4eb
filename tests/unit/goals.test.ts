import { describe, expect, it } from 'vitest';
import { changeFromBaseline, goalProgress, goalStanding, isGboRating, meanChange } from '@shared/goals/gbo';
import { checkSmart, type GoalDraft } from '@shared/goals/smart';

const smartGoal: GoalDraft = {
  wording: 'Every secondary school has a named CYPMHS link worker',
  specific: 'Secondary schools in the borough and the CYPMHS team',
  measurable: { measure: 'Schools with a named link worker on the directory', target: '20 of 20 schools' },
  achievable: { ownerOrganisation: 'Demo CYPMHS', ownerName: 'Sam Stakeholder', resources: 'Existing MHST staff time' },
  relevantDomains: [2],
  dueDate: '2027-06-30',
};
const reviewBy = '2027-07-31';

describe('SMART check', () => {
  it('passes a goal with every letter covered', () => {
    expect(checkSmart(smartGoal, reviewBy)).toEqual([]);
  });

  it('finds a missing owner, no measurable target and a date after the 6-month review', () => {
    const findings = checkSmart(
      { ...smartGoal, achievable: { ...smartGoal.achievable, ownerName: ' ' }, measurable: { measure: 'Survey', target: '' }, dueDate: '2027-09-01' },
      reviewBy,
    );
    expect(findings.map((f) => f.letter)).toEqual(['measurable', 'achievable', 'timeBound']);
  });

  it('calls out a vague verb with no measure', () => {
    const findings = checkSmart({ ...smartGoal, wording: 'Improve communication with schools', measurable: { measure: 'Feedback', target: 'better' } }, reviewBy);
    expect(findings.map((f) => f.message)).toContain('“Improve” needs a measure: by how much?');
  });

  it('asks for a domain and a due date', () => {
    expect(checkSmart({ ...smartGoal, relevantDomains: [], dueDate: null }, reviewBy).map((f) => f.letter)).toEqual(['relevant', 'timeBound']);
  });
});

describe('Goal Based Outcomes', () => {
  it('accepts whole numbers 0–10 only', () => {
    expect([0, 5, 10].every(isGboRating)).toBe(true);
    expect([-1, 11, 4.5, '5'].some(isGboRating)).toBe(false);
    expect(() => goalProgress([2, 11])).toThrow(RangeError);
  });

  it('measures progress from the baseline and marks meaningful change', () => {
    expect(goalProgress([2, 4, 6])).toEqual({ baseline: 2, latest: 6, change: 4, meaningful: true });
    expect(goalProgress([3, 5])).toEqual({ baseline: 3, latest: 5, change: 2, meaningful: false });
    expect(goalProgress([3, 5], 2).meaningful).toBe(true);
    expect(goalProgress([])).toEqual({ baseline: null, latest: null, change: null, meaningful: false });
  });

  it('averages the change across re-rated goals', () => {
    expect(meanChange([[2, 6], [5, 4], [1]])).toBe(1.5);
    expect(meanChange([[1]])).toBeNull();
  });
});

describe('where a goal stands, in words', () => {
  it('says a change from the baseline as people say it, never “0 from the baseline”', () => {
    expect([2, 0, -1].map(changeFromBaseline)).toEqual(['up 2 from the baseline', 'no change from the baseline', 'down 1 from the baseline']);
  });

  it('shows the latest agreed rating after a review, not the baseline', () => {
    expect(goalStanding(goalProgress([]), 0)).toBe('No baseline rating yet');
    expect(goalStanding(goalProgress([2]), 1)).toBe('Where we start: 2 out of 10');
    // The 3- and 6-month reviews of the walk-through: 2, then 5, then 8.
    expect(goalStanding(goalProgress([2, 5]), 2)).toBe('Now 5 out of 10 (started at 2: up 3)');
    expect(goalStanding(goalProgress([2, 5, 8]), 3)).toBe('Now 8 out of 10 (started at 2: up 6)');
    expect(goalStanding(goalProgress([4, 3]), 2)).toBe('Now 3 out of 10 (started at 4: down 1)');
    expect(goalStanding(goalProgress([4, 4]), 2)).toBe('Now 4 out of 10 (started at 4: no change)');
  });
});
