import { describe, expect, it } from 'vitest';
import { goalProgress, isGboRating, meanChange } from '@shared/goals/gbo';
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
