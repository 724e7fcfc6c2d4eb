import { useEffect, useRef, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from 'react';
import { Link } from 'react-router';
import { ApiRequestError } from '../api/http';

export interface ErrorItem {
  field: string;
  message: string;
}

/**
 * GOV.UK error summary: at the top of the page, focused when it appears so screen reader
 * users hear it, each message linking to its field.
 */
export function ErrorSummary({ errors }: { errors: ErrorItem[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const signature = errors.map((e) => e.field + e.message).join('|');
  // Focused when these errors first appear, not again when a hidden part of the page holding them
  // is shown again (its effects run anew then): that would take focus from wherever the person is.
  const focusedFor = useRef('');
  useEffect(() => {
    if (signature && focusedFor.current !== signature) ref.current?.focus();
    focusedFor.current = signature;
  }, [signature]);
  if (!errors.length) return null;
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map((e) => (
              <li key={e.field + e.message}>{e.field ? <a href={`#${e.field}`}>{e.message}</a> : e.message}</li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/** A small form folded away under a link (GOV.UK details), its errors summarised above it once sent. Not printed. */
export function FormDisclosure({ summary, errors, open, onToggle, children }: { summary: string; errors: ErrorItem[]; open?: boolean; onToggle?: (open: boolean) => void; children: ReactNode }) {
  return (
    <details className="govuk-details govuk-!-margin-bottom-2 app-no-print" open={open} onToggle={onToggle && ((e) => onToggle(e.currentTarget.open))}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">{summary}</span>
      </summary>
      <div className="govuk-details__text">
        <ErrorSummary errors={errors} />
        {children}
      </div>
    </details>
  );
}

/** A field's hint and inline error, with the ids that aria-describedby points at. */
export function FieldMessages({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      )}
      {error && (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
    </>
  );
}

/**
 * The frame of a GOV.UK question page: back link, error summary, caption and heading. Where
 * questions replace one another without a page load (`focusHeading`), each new one's heading takes
 * focus, as a new page's start would, so that a screen reader reads it; arriving with errors, the
 * error summary keeps the focus it takes.
 */
export function QuestionPage({ back, errors, caption, title, focusHeading, children }: { back?: string; errors: ErrorItem[]; caption?: string; title: string; focusHeading?: boolean; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const arrivedWithErrors = useRef(errors.length > 0);
  useEffect(() => {
    if (focusHeading && !arrivedWithErrors.current) heading.current?.focus();
  }, [focusHeading]);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {back && (
          <Link to={back} className="govuk-back-link">
            Back
          </Link>
        )}
        <ErrorSummary errors={errors} />
        {caption && <span className="govuk-caption-l">{caption}</span>}
        <h1 className="govuk-heading-l" ref={heading} tabIndex={focusHeading ? -1 : undefined}>
          {title}
        </h1>
        {children}
      </div>
    </div>
  );
}

/** Errors to show for a failed request: the server's field messages, or its message. */
export function errorsFromFailure(error: unknown, order: string[], fallback: string): ErrorItem[] {
  return error instanceof ApiRequestError ? errorList(error.fields, order, error.message) : [{ field: '', message: fallback }];
}

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  id: string;
  label: string;
  hint?: string;
  error?: string;
}

/** A labelled GOV.UK text input with its hint and inline error. */
export function TextField({ id, label, hint, error, className, ...input }: TextFieldProps) {
  const describedBy = describedByOf(id, hint, error);
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      <input
        id={id}
        name={id}
        className={`govuk-input${error ? ' govuk-input--error' : ''}${className ? ` ${className}` : ''}`}
        aria-describedby={describedBy}
        {...input}
      />
    </div>
  );
}

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  /** For a label styled as a question heading, e.g. `govuk-label--s`. */
  labelClassName?: string;
}

/** A labelled GOV.UK textarea with its hint and inline error. */
export function TextAreaField({ id, label, hint, error, labelClassName, ...textarea }: TextAreaFieldProps) {
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className={`govuk-label${labelClassName ? ` ${labelClassName}` : ''}`} htmlFor={id}>
        {label}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      <textarea id={id} name={id} className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`} aria-describedby={describedByOf(id, hint, error)} {...textarea} />
    </div>
  );
}

/** The ids of a field's hint and error, for aria-describedby. */
export const describedByOf = (id: string, hint?: string, error?: string) => [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** Field errors from a failed request, in the order the form shows its fields. */
export function errorList(fields: Record<string, string>, order: string[], fallback?: string): ErrorItem[] {
  const items = order.filter((f) => fields[f]).map((f) => ({ field: f, message: fields[f]! }));
  if (!items.length && fallback) items.push({ field: '', message: fallback });
  return items;
}

interface ChoiceOption {
  value: string;
  label: string;
  hint?: string;
  /** Shown under the option, such as a details component with more about it. */
  detail?: ReactNode;
}

/**
 * GOV.UK radios or checkboxes: one fieldset, a hint and error for the group, a hint per option.
 * The first input carries the group's id so error summary links land on it.
 */
function ChoiceGroup({
  type,
  id,
  legend,
  options,
  error,
  hint,
  isChecked,
}: {
  type: 'radio' | 'checkbox';
  id: string;
  legend: string;
  options: ChoiceOption[];
  error?: string;
  hint?: string;
  isChecked: (value: string) => boolean;
}) {
  const block = type === 'radio' ? 'govuk-radios' : 'govuk-checkboxes';
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <FieldMessages id={id} hint={hint} error={error} />
        <div className={`${block} ${block}--small`}>
          {options.map((option, index) => {
            const inputId = index === 0 ? id : `${id}-${option.value}`;
            return (
              <div className={`${block}__item`} key={option.value}>
                <input
                  className={`${block}__input`}
                  id={inputId}
                  name={id}
                  type={type}
                  value={option.value}
                  defaultChecked={isChecked(option.value)}
                  aria-describedby={option.hint ? `${inputId}-item-hint` : undefined}
                />
                <label className={`govuk-label ${block}__label`} htmlFor={inputId}>
                  {option.label}
                </label>
                {option.hint && (
                  <div id={`${inputId}-item-hint`} className={`govuk-hint ${block}__hint`}>
                    {option.hint}
                  </div>
                )}
                {option.detail}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** A GOV.UK radios question: choose one. */
export function RadioGroup(props: { id: string; legend: string; options: ChoiceOption[]; error?: string; defaultValue?: string; hint?: string }) {
  return <ChoiceGroup type="radio" {...props} isChecked={(value) => value === props.defaultValue} />;
}

/** A GOV.UK checkboxes question: select all that apply. */
export function CheckboxGroup(props: { id: string; legend: string; options: ChoiceOption[]; error?: string; defaultValues?: readonly string[]; hint?: string }) {
  return <ChoiceGroup type="checkbox" {...props} isChecked={(value) => props.defaultValues?.includes(value) ?? false} />;
}
