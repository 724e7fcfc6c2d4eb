import { describe, expect, it } from 'vitest';
import { addCalendarDays, dayFromText, addCalendarMonths, addUkDays, endOfUkDay, lastMomentOfUkDay, lastDayOfItsMonth, ukDay, ukDaysBetween, ukTime, ukInstant, clockTime, isRealDay } from '@shared/dates';
import { formatDate, formatDateTime } from '@shared/format';

/** 2027's clock changes: forward on Sunday 28 March, back on Sunday 31 October. */
describe('UK dates across the clock changes and the year boundary', () => {
  it('a deadline day lasts until UK midnight, and is shown as that day, in summer and winter', () => {
    expect(endOfUkDay('2027-06-30')).toBe('2027-06-30T23:00:00.000Z');
    expect(endOfUkDay('2027-01-31')).toBe('2027-02-01T00:00:00.000Z');
    expect(formatDate(lastMomentOfUkDay('2027-06-30'))).toBe('30 June 2027');
    expect(formatDate(lastMomentOfUkDay('2027-12-31'))).toBe('31 December 2027');
    expect(formatDate('2027-06-30')).toBe('30 June 2027');
    expect(formatDate('2027-03-31')).toBe('31 March 2027');
    expect(formatDate(ukTime('2027-06-30', 23, 30))).toBe('30 June 2027');
    expect(ukDay('2027-06-30T23:30:00.000Z')).toBe('2027-07-01');
    expect(ukDay('2027-12-31T23:30:00.000Z')).toBe('2027-12-31');
  });

  it('moves calendar days across both clock changes and into the next year', () => {
    expect(addCalendarDays('2027-03-27', 1)).toBe('2027-03-28');
    expect(addCalendarDays('2027-03-28', 1)).toBe('2027-03-29');
    expect(addCalendarDays('2027-10-30', 2)).toBe('2027-11-01');
    expect(addCalendarDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addCalendarDays('2028-01-01', -1)).toBe('2027-12-31');
    expect(addCalendarMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(lastDayOfItsMonth('2028-02-10')).toBe('2028-02-29');
  });

  it('keeps the UK clock time of an event a week later across a clock change (168 hours is not always a week)', () => {
    // 10am on Monday 22 March (GMT) and a week later, 10am on Monday 29 March (BST).
    expect(addUkDays('2027-03-22T10:00:00.000Z', 7)).toBe('2027-03-29T09:00:00.000Z');
    expect(formatDateTime(addUkDays('2027-03-22T10:00:00.000Z', 7))).toBe('Monday 29 March 2027 at 10:00am');
    // Half past midnight is 12:30am, not 0:30am (en-GB's 12-hour clock counts from 0 unless told).
    expect(formatDateTime('2026-07-01T23:30:00.000Z')).toBe('Thursday 2 July 2026 at 12:30am');
    expect(formatDateTime('2026-12-01T12:00:00.000Z')).toBe('Tuesday 1 December 2026 at 12:00pm');
    // 10am BST on Monday 25 October, a week back and forward.
    expect(addUkDays('2027-10-25T09:00:00.000Z', 7)).toBe('2027-11-01T10:00:00.000Z');
    expect(addUkDays('2027-11-01T10:00:00.000Z', -7)).toBe('2027-10-25T09:00:00.000Z');
  });

  it('counts calendar days between instants by their UK days', () => {
    // 23:30 UTC on 28 March is already 00:30 on 29 March in the UK (BST began that night).
    expect(ukDaysBetween('2027-03-27T23:30:00.000Z', '2027-03-28T23:30:00.000Z')).toBe(2);
    expect(ukDaysBetween('2027-03-27T12:00:00.000Z', '2027-03-28T12:00:00.000Z')).toBe(1);
    expect(ukDaysBetween('2027-06-30T22:30:00.000Z', '2027-06-30T23:30:00.000Z')).toBe(1);
    expect(ukDaysBetween('2027-12-31T12:00:00.000Z', '2028-01-01T00:10:00.000Z')).toBe(1);
  });

  it('sets UK clock times on a day in either season', () => {
    expect(ukTime('2026-11-26', 17)).toBe('2026-11-26T17:00:00.000Z');
    expect(ukTime('2027-06-26', 17)).toBe('2027-06-26T16:00:00.000Z');
  });
});

describe('a day as people write it', () => {
  it('reads the ways a day is written in England, never month first, and nothing that is not a day', () => {
    for (const written of ['2026-11-23', '23/11/2026', '23.11.2026', '23 November 2026', '23rd November 2026', 'Monday 23 November 2026', '23 Nov 2026', ' 23/11/2026 ']) {
      expect(dayFromText(written), written).toBe('2026-11-23');
    }
    expect(dayFromText('1/2/2027')).toBe('2027-02-01');
    for (const notADay of ['11/23/2026', '31/02/2026', '23/11/26', '2026-13-01', 'tomorrow', '']) expect(dayFromText(notADay), notADay).toBeNull();
  });

  it('reads a typed day and time only when both exist: 31 February and 25:99 are refused, never rolled over into March or the next day', () => {
    expect(ukInstant('2027-01-12', '10:00')).toBe('2027-01-12T10:00:00.000Z');
    expect(ukInstant('2027-06-08', '9:30')).toBe('2027-06-08T08:30:00.000Z');
    expect(ukInstant('2027-06-08', '14.30')).toBe('2027-06-08T13:30:00.000Z');
    expect(ukInstant('2028-02-29', '23:59')).toBe('2028-02-29T23:59:00.000Z');
    for (const [day, time] of [
      ['2027-02-31', '10:00'],
      ['2027-02-29', '10:00'],
      ['2027-13-01', '10:00'],
      ['2027-00-10', '10:00'],
      ['2027-01-12', '25:99'],
      ['2027-01-12', '24:00'],
      ['2027-01-12', '10:60'],
      ['2027-01-12', '10'],
      ['2027-01-12', ''],
      ['', '10:00'],
    ]) {
      expect(ukInstant(day!, time!), `${day} ${time}`).toBeNull();
    }
    expect(clockTime(' 07:05 ')).toEqual({ hour: 7, minute: 5 });
    expect(isRealDay('2027-02-28')).toBe(true);
    expect(isRealDay('2027-2-28')).toBe(false);
  });
});
