/** A UK clock time, "14:35", as said on a call. */
export const formatClock = (instant: Date): string =>
  new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Europe/London' }).format(instant);
