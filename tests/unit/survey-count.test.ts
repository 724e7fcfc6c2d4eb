import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completedWords, publishedCount } from '@shared/survey/count';

describe('the survey count as it is told', () => {
  it('while open, never more than the truth, and moves only at a step of five or at the threshold', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 200 }), fc.integer({ min: 0, max: 400 }), (threshold, exact) => {
        const told = publishedCount(exact, threshold, false);
        const before = publishedCount(exact - 1, threshold, false);
        expect(told.completedExact).toBe(false);
        expect(told.completed).toBeLessThanOrEqual(exact);
        expect(exact - told.completed).toBeLessThan(5);
        expect(told.completed % 5 === 0 || told.completed === threshold).toBe(true);
        // The one answer that moves it is the one that lands on a step.
        if (exact > 0 && told.completed !== before.completed) expect(told.completed).toBe(exact);
        // At the threshold it says so, the moment the first results could be read.
        expect(told.completed >= threshold).toBe(exact >= threshold);
      }),
    );
  });

  it('once the survey has closed, tells the exact figure', () => {
    expect(publishedCount(17, 10, true)).toEqual({ completed: 17, completedExact: true });
    expect(completedWords(publishedCount(17, 10, true))).toBe('17');
  });

  it('reads as a lower bound while open', () => {
    expect(completedWords(publishedCount(3, 10, false))).toBe('fewer than 5');
    expect(completedWords(publishedCount(9, 10, false))).toBe('5 or more');
    expect(completedWords(publishedCount(13, 12, false))).toBe('12 or more');
    expect(completedWords(publishedCount(17, 12, false))).toBe('15 or more');
  });
});
