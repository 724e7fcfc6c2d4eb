import { describe, expect, it } from 'vitest';
import type { DomainId } from '@shared/cascade/framework';
import { unfinishedWork, type PhaseWork } from '@shared/meetings/unfinished-work';

const nothingDone: Omit<PhaseWork, 'kind' | 'phase'> = { agreedDomains: [], areasOfNeed: [], goals: { locked: 0, ratedHere: 0 } };
const allDomains: DomainId[] = [1, 2, 3, 4, 5, 6, 7];

describe('what moving on from a phase leaves undone', () => {
  it('asks nothing on leaving the welcome', () => {
    expect(unfinishedWork({ kind: 'consultation', phase: 'welcome', ...nothingDone })).toEqual([]);
  });

  it('names the domains with no agreed rating when leaving the domain review', () => {
    expect(unfinishedWork({ kind: 'consultation', phase: 'domain-review', ...nothingDone })).toEqual(['No domain has an agreed rating yet']);
    expect(unfinishedWork({ kind: 'review-3m', phase: 'domain-review', ...nothingDone, agreedDomains: [1, 3, 4, 6] })).toEqual(['No agreed rating yet for domains 2, 5 and 7']);
    expect(unfinishedWork({ kind: 'consultation', phase: 'domain-review', ...nothingDone, agreedDomains: [1, 2, 3, 4, 5, 6] })).toEqual(['No agreed rating yet for domain 7']);
    expect(unfinishedWork({ kind: 'consultation', phase: 'domain-review', ...nothingDone, agreedDomains: allDomains })).toEqual([]);
  });

  it('does not ask a tailored session for all seven domains', () => {
    expect(unfinishedWork({ kind: 'tailored-support', phase: 'domain-review', ...nothingDone })).toEqual([]);
  });

  it('asks for the areas of greatest need to be settled at the consultation', () => {
    expect(unfinishedWork({ kind: 'consultation', phase: 'areas-of-need', ...nothingDone })).toEqual(['The areas of greatest need have not been settled']);
    expect(unfinishedWork({ kind: 'consultation', phase: 'areas-of-need', ...nothingDone, areasOfNeed: [2, 5] })).toEqual([]);
  });

  it('asks for three locked goals, then their agreed ratings, at the consultation', () => {
    expect(unfinishedWork({ kind: 'consultation', phase: 'goals', ...nothingDone })).toEqual(['No goals are locked: the site needs 3']);
    expect(unfinishedWork({ kind: 'consultation', phase: 'goals', ...nothingDone, goals: { locked: 3, ratedHere: 1 } })).toEqual(['2 of the 3 goals have no agreed rating at this meeting']);
    expect(unfinishedWork({ kind: 'consultation', phase: 'goals', ...nothingDone, goals: { locked: 3, ratedHere: 3 } })).toEqual([]);
  });

  it('asks a review for each goal’s agreed rating, and never to lock goals', () => {
    expect(unfinishedWork({ kind: 'review-6m', phase: 'goals', ...nothingDone, goals: { locked: 3, ratedHere: 2 } })).toEqual(['1 of the 3 goals has no agreed rating at this meeting']);
    expect(unfinishedWork({ kind: 'review-6m', phase: 'goals', ...nothingDone, goals: { locked: 0, ratedHere: 0 } })).toEqual([]);
  });

  it('says nothing of goals it does not know yet', () => {
    expect(unfinishedWork({ kind: 'consultation', phase: 'goals', ...nothingDone, goals: null })).toEqual([]);
  });
});
