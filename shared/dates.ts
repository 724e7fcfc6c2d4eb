import { tz, TZDate } from '@date-fns/tz';
import { UTCDate } from '@date-fns/utc';
import { addDays, addMonths, differenceInCalendarDays, format, isValid, lastDayOfMonth, parse } from 'date-fns';

/**
 * Dates as people in England mean them: days are UK calendar days and times are UK clock times,
 * on both sides of the clock changes (a day is 23 or 25 hours then). Everything here goes through
 * date-fns with the Europe/London zone; nothing adds milliseconds for days.
 */
const ukZone = 'Europe/London';
const inUk = tz(ukZone);

/** A calendar day, "YYYY-MM-DD", with no time and no zone. */
export type Day = string;

/**
 * `day` as a date for calendar arithmetic. A day has no time of day, so moving it by days or
 * months is the calendar's alone and the same in every zone: it is done on a UTC date, which has
 * no clock changes, rather than on a UK one, whose every step asks Intl for the zone's offset
 * (a tenth of the CPU of a request that works out a site's programme plan).
 */
function calendarDay(day: Day): UTCDate {
  const [y, m, d] = day.split('-').map(Number);
  return new UTCDate(y!, m! - 1, d!);
}

const dayOf = (date: UTCDate): Day => format(date, 'yyyy-MM-dd');

/** The UK calendar day an instant falls on. */
export const ukDay = (instant: Date | string): Day => format(new Date(instant), 'yyyy-MM-dd', { in: inUk });

/** `day` moved by whole calendar days. */
export const addCalendarDays = (day: Day, days: number): Day => dayOf(addDays(calendarDay(day), days));

/** `day` moved by calendar months, the last day of a shorter month when the day does not exist in it. */
export const addCalendarMonths = (day: Day, months: number): Day => dayOf(addMonths(calendarDay(day), months));

/** The last day of the month `day` is in. */
export const lastDayOfItsMonth = (day: Day): Day => dayOf(lastDayOfMonth(calendarDay(day)));

/** The instant a UK time of day happens on `day` (e.g. 5pm on the day a survey closes). */
export const ukTime = (day: Day, hour: number, minute = 0): string => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(new TZDate(y!, m! - 1, d!, hour, minute, ukZone).getTime()).toISOString();
};

/** Whether "YYYY-MM-DD" names a day that exists (31 February does not). */
export const isRealDay = (day: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(day) && isValid(parse(day, 'yyyy-MM-dd', new Date()));

/** A time typed as hours and minutes of a 24-hour clock ("10:00", "9:30", "14.30"); null for anything else, 25:99 included. */
export function clockTime(text: string): { hour: number; minute: number } | null {
  const match = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(text.trim());
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : null;
}

/** A day and a time typed as UK local time, as an instant; null unless both exist (never rolled over into another day). */
export function ukInstant(day: string, time: string): string | null {
  const clock = clockTime(time);
  return isRealDay(day) && clock ? ukTime(day, clock.hour, clock.minute) : null;
}

/** The instant UK `day` starts. */
export const startOfUkDay = (day: Day): string => ukTime(day, 0);

/** The instant UK `day` ends: the start of the next. A deadline "by 30 June" holds until then. */
export const endOfUkDay = (day: Day): string => startOfUkDay(addCalendarDays(day, 1));

/**
 * The last moment of UK `day` (a millisecond before the next starts): a deadline "by 30 June" is
 * met until then, and, shown as a date, it is still 30 June.
 */
export const lastMomentOfUkDay = (day: Day): string => new Date(new Date(endOfUkDay(day)).getTime() - 1).toISOString();

/** An instant moved by calendar days, keeping its UK clock time across a clock change. */
export const addUkDays = (instant: string | Date, days: number): string => new Date(addDays(new TZDate(new Date(instant), ukZone), days).getTime()).toISOString();

/** Whole UK calendar days from the day of `from` to the day of `to` (negative when `to` is earlier). */
export const ukDaysBetween = (from: string | Date, to: string | Date): number => differenceInCalendarDays(new Date(to), new Date(from), { in: inUk });

/** How people in England write a day in a spreadsheet or a form, as well as the ISO form. */
const writtenDayFormats = ['yyyy-MM-dd', 'd/M/yyyy', 'd.M.yyyy', 'd-M-yyyy', 'd MMMM yyyy', 'd MMM yyyy', 'EEEE d MMMM yyyy', 'EEE d MMM yyyy'];

/** The day a person wrote ("23/11/2026", "23 November 2026", "2026-11-23"), or null; never month first. */
export function dayFromText(text: string): Day | null {
  const cleaned = text.trim().replace(/\s+/g, ' ').replace(/(\d)(st|nd|rd|th)\b/i, '$1');
  for (const pattern of writtenDayFormats) {
    const parsed = parse(cleaned, pattern, new Date(2000, 0, 1));
    // A two-digit year would otherwise be a date in the first century.
    if (isValid(parsed) && parsed.getFullYear() >= 1900 && parsed.getFullYear() < 2200) return format(parsed, 'yyyy-MM-dd');
  }
  return null;
}
