import { describe, expect, it } from 'vitest';
import { exampleDay } from '../../client/src/components/date-input';

/** The example days in date hints and messages: days ahead of today in the UK, written as typed into the three boxes. */
describe('an example day for a date input', () => {
  it('is written day, month, year, without noughts in front, as a person types it', () => {
    expect(exampleDay({ days: 3 }, new Date('2027-03-01T12:00:00Z'))).toBe('4 3 2027');
  });

  it('counts from the UK day, not the UTC one: half past midnight in British Summer Time is already the next day', () => {
    expect(exampleDay({ days: 0 }, new Date('2027-06-30T23:30:00Z'))).toBe('1 7 2027');
    expect(exampleDay({ days: 7 }, new Date('2027-06-30T23:30:00Z'))).toBe('8 7 2027');
    // In winter the UK is on UTC: the same clock time is still the same day.
    expect(exampleDay({ days: 0 }, new Date('2027-12-31T23:30:00Z'))).toBe('31 12 2027');
  });

  it('moves by calendar days across a clock change, and by months to the last day of a shorter month', () => {
    // 28 March 2027, when the clocks go forward, is 23 hours long and 31 October 25: a day ahead is still the next day.
    expect(exampleDay({ days: 1 }, new Date('2027-03-27T23:30:00Z'))).toBe('28 3 2027');
    expect(exampleDay({ days: 1 }, new Date('2027-03-28T23:30:00Z'))).toBe('30 3 2027');
    expect(exampleDay({ days: 1 }, new Date('2027-10-30T23:30:00Z'))).toBe('1 11 2027');
    expect(exampleDay({ months: 1 }, new Date('2027-01-31T10:00:00Z'))).toBe('28 2 2027');
    expect(exampleDay({ months: 3, days: 1 }, new Date('2027-11-30T10:00:00Z'))).toBe('1 3 2028');
    expect(exampleDay({ months: -1 }, new Date('2028-01-15T10:00:00Z'))).toBe('15 12 2027');
  });
});
