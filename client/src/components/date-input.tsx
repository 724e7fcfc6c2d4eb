import { useEffect, useState } from 'react';
import { addCalendarDays, addCalendarMonths, isRealDay, ukDay, ukInstant, type Day } from '@shared/dates';
import { checkTypedDay } from '@shared/typed-day';
import { FieldMessages, TextField } from './forms';

/**
 * The GOV.UK date input: day, month and year as three numeric boxes in a fieldset, not the
 * browser's date picker (which many screen readers and locked-down browsers handle badly). Read
 * the answer with `readDay`. The day box carries `id`, so an error summary link lands on it.
 */
export function DateInput({ id, legend, hint, error, defaultDay, legendClassName = 'govuk-fieldset__legend--s' }: { id: string; legend: string; hint?: string; error?: string; defaultDay?: Day | null; legendClassName?: string }) {
  const [year, month, day] = defaultDay ? defaultDay.split('-') : ['', '', ''];
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const box = (part: 'day' | 'month' | 'year', label: string, value: string | undefined, width: number) => {
    const boxId = part === 'day' ? id : `${id}-${part}`;
    return (
      <div className="govuk-date-input__item">
        <div className="govuk-form-group">
          <label className="govuk-label govuk-date-input__label" htmlFor={boxId}>
            {label}
          </label>
          <input
            className={`govuk-input govuk-date-input__input govuk-input--width-${width}${error ? ' govuk-input--error' : ''}`}
            id={boxId}
            name={boxId}
            type="text"
            inputMode="numeric"
            defaultValue={value ? String(Number(value)) : ''}
          />
        </div>
      </div>
    );
  };
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={describedBy}>
        <legend className={`govuk-fieldset__legend ${legendClassName}`}>{legend}</legend>
        <FieldMessages id={id} hint={hint} error={error} />
        <div className="govuk-date-input">
          {box('day', 'Day', day, 2)}
          {box('month', 'Month', month, 2)}
          {box('year', 'Year', year, 4)}
        </div>
      </fieldset>
    </div>
  );
}

/**
 * The day a `DateInput` holds, as "YYYY-MM-DD": empty when nothing was typed; otherwise whatever
 * was typed, in that shape, for the form's schema to accept or refuse (31 February is refused
 * there). Only a typed day or month is padded: a padded year ("27" as 0027) or a missing part
 * padded to "00" would hide what is wrong from the check (`checkTypedDay`), which names it.
 */
export function readDay(form: FormData, id: string): string {
  const part = (name: string) => String(form.get(name) ?? '').trim();
  const [day, month, year] = [part(id), part(`${id}-month`), part(`${id}-year`)];
  if (!day && !month && !year) return '';
  const padded = (text: string) => (text ? text.padStart(2, '0') : '');
  return `${year}-${padded(month)}-${padded(day)}`;
}

/**
 * The day `ahead` of today in the UK (`ahead.months`, then `ahead.days`; negative for a day
 * before), written as it is typed into a `DateInput`: "27 3 2027". For the example in a hint or
 * message: a fixed example would one day be in the past, and a person told "For example, 12 1
 * 2027" for a date the form refuses as past.
 */
export function exampleDay(ahead: { days?: number; months?: number }, now: Date = new Date()): string {
  return partsOf(addCalendarDays(addCalendarMonths(ukDay(now), ahead.months ?? 0), ahead.days ?? 0)).join(' ');
}

/**
 * The start typed into a `StartsAtField` (its day and `time`) as a UK instant, or what is wrong with
 * it: the day checked by the GOV.UK date input rule the action due dates use (`checkTypedDay`: the
 * part missing, a date that does not exist such as 31 February, a year of 2 numbers), then the
 * time. `what` is "meeting" or "session". A problem with the day is said with an example a month
 * ahead, a day the booking can take.
 */
export function readStart(form: FormData, what: string): { startsAt: string; problem?: undefined } | { startsAt?: undefined; problem: string } {
  const day = checkTypedDay(readDay(form, 'startsAt'), `date of the ${what}`);
  if (!day.ok) return { problem: `${day.problem}, for example ${exampleDay({ months: 1 })}` };
  const startsAt = ukInstant(day.day, String(form.get('time') ?? ''));
  if (!startsAt) return { problem: 'Enter the start time as hours and minutes on a 24-hour clock, for example 10:00 or 14:30' };
  return { startsAt };
}

/** "When does it start?": a GOV.UK date input and a start time (fields `startsAt` and `time`), read with `readStart`. */
export function StartsAtField({ legend, hint, error, defaultDay, defaultTime = '10:00' }: { legend: string; hint: string; error?: string; defaultDay?: Day; defaultTime?: string }) {
  return (
    <>
      <DateInput id="startsAt" legend={legend} hint={hint} error={error} defaultDay={defaultDay} />
      <TextField id="time" label="Start time" hint="For example, 10:00 or 14:30" className="govuk-input--width-5" defaultValue={defaultTime} />
    </>
  );
}

const partsOf = (day: Day | null) => (day ? day.split('-').reverse().map((p) => String(Number(p))) : ['', '', '']);
const dayOf = ([d, m, y]: string[]) => `${y!.padStart(4, '0')}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;

/**
 * A GOV.UK date input for a value others edit at the same time (a goal draft on the board): it
 * changes the value as soon as the three boxes make a real date, or clears it when all are empty,
 * and shows what others set.
 */
export function LiveDateInput({ id, legend, hint, value, onChange }: { id: string; legend: string; hint?: string; value: Day | null; onChange: (day: Day | null) => void }) {
  const [parts, setParts] = useState(() => partsOf(value));
  useEffect(() => {
    setParts((current) => (current.every(Boolean) && dayOf(current) === value ? current : partsOf(value)));
  }, [value]);
  const typed = (index: number, text: string) => {
    const next = parts.map((p, i) => (i === index ? text.trim() : p));
    setParts(next);
    if (next.every((p) => !p)) onChange(null);
    else if (next.every(Boolean) && next[2]!.length === 4 && isRealDay(dayOf(next))) onChange(dayOf(next));
  };
  return (
    <div className="govuk-form-group govuk-!-margin-bottom-0">
      <fieldset className="govuk-fieldset" role="group" aria-describedby={hint ? `${id}-hint` : undefined}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        {hint && (
          <div className="govuk-hint" id={`${id}-hint`}>
            {hint}
          </div>
        )}
        <div className="govuk-date-input">
          {(['Day', 'Month', 'Year'] as const).map((label, index) => (
            <div className="govuk-date-input__item" key={label}>
              <div className="govuk-form-group">
                <label className="govuk-label govuk-date-input__label" htmlFor={index === 0 ? id : `${id}-${label.toLowerCase()}`}>
                  {label}
                </label>
                <input
                  className={`govuk-input govuk-date-input__input govuk-input--width-${index === 2 ? 4 : 2}`}
                  id={index === 0 ? id : `${id}-${label.toLowerCase()}`}
                  type="text"
                  inputMode="numeric"
                  value={parts[index]}
                  onChange={(e) => typed(index, e.target.value)}
                />
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
