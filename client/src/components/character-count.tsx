import { useEffect, useState } from 'react';
import { describedByOf, FieldMessages } from './forms';

/** "You have 12 characters remaining" or "You have 1 character too many", as GOV.UK's character count says it. */
function characterCountStatus(length: number, limit: number): string {
  const left = limit - length;
  const count = (n: number) => `${n} character${n === 1 ? '' : 's'}`;
  return left >= 0 ? `You have ${count(left)} remaining` : `You have ${count(-left)} too many`;
}

/** How long a screen reader's copy of the count waits for typing to pause, as GOV.UK Frontend's does: not a word per key. */
const announceAfterMs = 1000;

/**
 * A GOV.UK character count: a textarea with no `maxlength` (a browser cutting the text off
 * silently loses what was pasted), the limit told to screen readers with the field, and the
 * count as the person types: shown at once, and announced (aria-live polite) once typing pauses.
 * Over the limit, the count turns red; sending it gives the error, inline and in the summary.
 */
export function CharacterCountField({ id, label, hint, error, limit, defaultValue = '', rows = 5, labelClassName }: { id: string; label: string; hint?: string; error?: string; limit: number; defaultValue?: string; rows?: number; labelClassName?: string }) {
  const [length, setLength] = useState(defaultValue.length);
  const status = characterCountStatus(length, limit);
  const [announced, setAnnounced] = useState(status);
  useEffect(() => {
    const timer = window.setTimeout(() => setAnnounced(status), announceAfterMs);
    return () => window.clearTimeout(timer);
  }, [status]);
  const over = length > limit;
  // The limit first, then the hint and error as every field names them.
  const describedBy = [`${id}-info`, describedByOf(id, hint, error)].filter(Boolean).join(' ');
  return (
    <div className={`govuk-form-group govuk-character-count${error ? ' govuk-form-group--error' : ''}`}>
      <label className={`govuk-label${labelClassName ? ` ${labelClassName}` : ''}`} htmlFor={id}>
        {label}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      <textarea
        id={id}
        name={id}
        rows={rows}
        className={`govuk-textarea${error || over ? ' govuk-textarea--error' : ''}`}
        aria-describedby={describedBy}
        defaultValue={defaultValue}
        onInput={(event) => setLength(event.currentTarget.value.length)}
      />
      <div id={`${id}-info`} className="govuk-hint govuk-character-count__message govuk-visually-hidden">
        You can enter up to {limit} characters
      </div>
      <div className={`govuk-character-count__status ${over ? 'govuk-error-message' : 'govuk-hint'}`} aria-hidden="true">
        {status}
      </div>
      <div className="govuk-character-count__sr-status govuk-visually-hidden" aria-live="polite">
        {announced}
      </div>
    </div>
  );
}
