import { describe, expect, it } from 'vitest';
import type { GoalProgressEntry } from '@shared/goals/book';
import { attentionSummary, checkInNeedingAttention, goalsNeedingAttention } from '@shared/goals/attention';
import type { CheckIn } from '@shared/goals/thread-schemas';

const goal = (position: number) => ({ id: `goal-${position}`, position }) as GoalProgressEntry['goal'];
const agreed = (meetingDate: string, rating: number): GoalProgressEntry['series'][number] => ({ meetingId: `m-${meetingDate}`, meetingKind: 'consultation', meetingDate, rating });
const checkIn = (at: string, said: Partial<CheckIn> = {}): CheckIn => ({
  id: `c-${at}`,
  goalId: 'goal-2',
  by: 'owner',
  byName: 'Tom School',
  at,
  rating: null,
  confidence: 'likely',
  happened: 'Two schools trained',
  inTheWay: '',
  helpNeeded: '',
  helpFrom: '',
  ...said,
});
const consultation = agreed('2026-10-01T09:00:00.000Z', 4);
const needs = (checkIns: CheckIn[], series = [consultation]) => checkInNeedingAttention({ goal: goal(2), series, checkIns });

describe('a goal owner’s check-in that needs the lead’s attention', () => {
  it('is one that asks for help, by saying what help or naming who could help', () => {
    expect(needs([checkIn('2026-12-03T10:00:00.000Z', { helpNeeded: 'An introduction to the trust leads' })])).toMatchObject({ goalId: 'goal-2', helpAsked: true, fell: null, doubtful: null });
    expect(needs([checkIn('2026-12-03T10:00:00.000Z', { helpFrom: 'Trust leads' })])?.helpAsked).toBe(true);
    // Blank answers are no request: the form may send spaces.
    expect(needs([checkIn('2026-12-03T10:00:00.000Z', { helpNeeded: '  ', inTheWay: 'Staff changes' })])).toBeNull();
  });

  it('is one that says the goal is at risk or unlikely to be met', () => {
    expect(needs([checkIn('2026-12-03T10:00:00.000Z', { confidence: 'at-risk' })])?.doubtful).toBe('at-risk');
    expect(needs([checkIn('2026-12-03T10:00:00.000Z', { confidence: 'unlikely' })])?.doubtful).toBe('unlikely');
  });

  it('is one whose rating fell below the one before it, agreed at a meeting or given in the last check-in', () => {
    expect(needs([checkIn('2026-12-03T10:00:00.000Z', { rating: 3 })])?.fell).toEqual({ from: 4, to: 3 });
    expect(needs([checkIn('2026-11-03T10:00:00.000Z', { rating: 6 }), checkIn('2026-12-03T10:00:00.000Z', { rating: 5 })])?.fell).toEqual({ from: 6, to: 5 });
    // Not rated this time, or as high as before: no fall.
    expect(needs([checkIn('2026-11-03T10:00:00.000Z', { rating: 2 }), checkIn('2026-12-03T10:00:00.000Z', { rating: null })])).toBeNull();
    expect(needs([checkIn('2026-12-03T10:00:00.000Z', { rating: 4 })])).toBeNull();
    // A not-rated check-in in between does not hide the rating before it.
    expect(needs([checkIn('2026-11-01T10:00:00.000Z', { rating: 6 }), checkIn('2026-11-15T10:00:00.000Z'), checkIn('2026-12-03T10:00:00.000Z', { rating: 5 })])?.fell).toEqual({ from: 6, to: 5 });
  });

  it('is the newest check-in only: a later one that is well answers it, as does a meeting rating the goal since', () => {
    const worried = checkIn('2026-11-03T10:00:00.000Z', { confidence: 'at-risk', helpNeeded: 'Time from the trust' });
    expect(needs([worried, checkIn('2026-12-03T10:00:00.000Z', { rating: 5 })])).toBeNull();
    // Given in any order, the newest is the one that counts.
    expect(needs([checkIn('2026-12-03T10:00:00.000Z', { rating: 5 }), worried])).toBeNull();
    expect(needs([worried], [consultation, agreed('2026-12-10T10:00:00.000Z', 4)])).toBeNull();
    expect(needs([])).toBeNull();
  });

  it('is said in one line per goal, in the goals’ order, with every reason and the day it was sent', () => {
    const entries = [
      { goal: goal(1), series: [consultation], checkIns: [checkIn('2026-12-01T10:00:00.000Z', { rating: 5 })] },
      { goal: goal(2), series: [consultation], checkIns: [checkIn('2026-12-03T10:00:00.000Z', { helpNeeded: 'An introduction' })] },
      { goal: goal(3), series: [consultation], checkIns: [checkIn('2026-12-04T10:00:00.000Z', { rating: 2, confidence: 'unlikely', helpFrom: 'The council' })] },
    ];
    expect(goalsNeedingAttention(entries).map(attentionSummary)).toEqual([
      'Goal 2: help asked for in a check-in on 3 December 2026',
      'Goal 3: help asked for, rating down from 4 to 2 and said to be unlikely to be met in a check-in on 4 December 2026',
    ]);
  });
});
