import { describe, expect, it } from 'vitest';
import { ActionFields, newActionDueProblem } from '@shared/actions';
import { addCalendarDays, ukTime } from '@shared/dates';
import { checkTypedDay } from '@shared/typed-day';
import { dayIn } from '../helpers/dates';

/** Years from the clock, so no answer here passes into the past: next year, and the first leap year after it. */
const nextYear = Number(dayIn(0).slice(0, 4)) + 1;
const leapYear = [0, 1, 2, 3].map((n) => nextYear + n).find((y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0)!;
const problem = (answer: string, today?: string) => {
  const checked = checkTypedDay(answer, 'date it is due', today);
  return checked.ok ? null : checked.problem;
};

describe('a day typed into a GOV.UK date input says what is wrong with it', () => {
  it('asks for the date when nothing was entered', () => {
    expect(problem('')).toBe('Enter the date it is due');
    expect(problem('--')).toBe('Enter the date it is due');
  });

  it('names the missing part, in the order the boxes are shown', () => {
    expect(problem(`${nextYear}--03`)).toBe('Date it is due must include a month');
    expect(problem(`${nextYear}-02-`)).toBe('Date it is due must include a day');
    expect(problem('-02-03')).toBe('Date it is due must include a year');
    expect(problem('-02-')).toBe('Date it is due must include a day and year');
  });

  it('refuses letters, month 13 and 31 February as not a real date', () => {
    expect(problem(`${nextYear}-02-ab`)).toBe('Date it is due must be a real date');
    expect(problem('soon')).toBe('Date it is due must be a real date');
    expect(problem(`${nextYear}-13-01`)).toBe('Date it is due must be a real date');
    expect(problem(`${nextYear}-02-31`)).toBe('Date it is due must be a real date');
  });

  it('asks for a year of four numbers: "3 2 27" is not the year 27', () => {
    expect(problem('27-02-03')).toBe('Year must include 4 numbers');
    expect(problem('0027-02-03')).toBe('Year must include 4 numbers');
    expect(problem(`${nextYear}0-02-03`)).toBe('Year must include 4 numbers');
  });

  it('knows 29 February only in a leap year', () => {
    expect(checkTypedDay(`${leapYear}-02-29`, 'date it is due')).toEqual({ ok: true, day: `${leapYear}-02-29` });
    expect(problem(`${leapYear + 1}-02-29`)).toBe('Date it is due must be a real date');
  });

  it('given today, takes today or later and refuses the day before', () => {
    const today = dayIn(0);
    expect(checkTypedDay(today, 'date it is due', today)).toEqual({ ok: true, day: today });
    expect(problem(addCalendarDays(today, -1), today)).toBe('Date it is due must be today or in the future');
    expect(checkTypedDay(`${nextYear}-2-3`, 'date it is due', today)).toEqual({ ok: true, day: `${nextYear}-02-03` });
  });
});

describe('a new action’s due date', () => {
  it('is read by the body’s schema with the same messages, as a day', () => {
    const body = { what: 'Share the referral form', owner: 'Olu' };
    expect(ActionFields.parse({ ...body, due: `${nextYear}-2-3` }).due).toBe(`${nextYear}-02-03`);
    expect(ActionFields.safeParse({ ...body, due: '27-02-03' }).error?.issues[0]?.message).toBe('Year must include 4 numbers');
  });

  it('counts today as London does near midnight: at 00:30 BST it is already the next day, though UTC says otherwise', () => {
    const summerDay = `${nextYear}-07-15`;
    const halfPastMidnight = new Date(ukTime(summerDay, 0, 30));
    expect(halfPastMidnight.toISOString().slice(0, 10)).toBe(addCalendarDays(summerDay, -1));
    expect(newActionDueProblem(addCalendarDays(summerDay, -1), halfPastMidnight)).toBe('Date it is due must be today or in the future');
    expect(newActionDueProblem(summerDay, halfPastMidnight)).toBeNull();
    // In winter London keeps UTC's day: 23:30 is still that day.
    const winterDay = `${nextYear}-01-15`;
    expect(newActionDueProblem(winterDay, new Date(ukTime(winterDay, 23, 30)))).toBeNull();
    expect(newActionDueProblem(winterDay, new Date(ukTime(addCalendarDays(winterDay, 1), 0, 30)))).toBe('Date it is due must be today or in the future');
  });
});
