import { addCalendarDays, ukDay, ukTime, type Day } from '@shared/dates';

/**
 * Dates in tests follow the clock, never the calendar: a meeting booked on a fixed day passes
 * today and breaks the day a rule refuses the past (the suite is also run with the clock moved
 * to 2029). One place for it, in UK time as the app works.
 */

/** The UK calendar day `days` from today. */
export const dayIn = (days: number): Day => addCalendarDays(ukDay(new Date()), days);

/** A meeting's start `days` from today, at `hour` o'clock UK time. */
export const bookingIn = (days: number, hour = 10): string => ukTime(dayIn(days), hour);

/** `day` as a person types it into a GOV.UK date input's three boxes, and as the forms' examples write it: "27 3 2027". */
export const asTyped = (day: Day): string => day.split('-').reverse().map(Number).join(' ');
