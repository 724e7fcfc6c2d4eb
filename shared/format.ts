const dateTime = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', hourCycle: 'h12', timeZone: 'Europe/London' });
const day = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const date = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

/** Dates for people (pages and emails): "Tuesday 12 January 2027 at 10:00am", in UK time, as GOV.UK writes dates and times. */
export function formatDateTime(iso: string): string {
  const parts = dateTime.formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('weekday')} ${get('day')} ${get('month')} ${get('year')} at ${formatTime(iso)}`;
}

/** A time of day for people, in UK time: "10:00am" (where the day is already said). */
export function formatTime(iso: string): string {
  const parts = dateTime.formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('hour')}:${get('minute')}${get('dayPeriod').toLowerCase().replace(/\s/g, '')}`;
}

export function formatDate(iso: string): string {
  return date.format(new Date(iso));
}

/** A day with its weekday, in UK time: "Thursday 11 March 2027" (no comma, as GOV.UK writes it). */
export function formatDay(iso: string): string {
  return day.format(new Date(iso)).replace(',', '');
}
