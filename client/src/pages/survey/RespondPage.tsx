import { useEffect, useState, type FormEvent } from 'react';
import { checkAnswers, notApplicable, responseScaleOf, type AnswerValue, type InstrumentFile } from '@shared/survey/instrument';
import { useCheckAccessCode, usePublicSurvey, useSubmitSurvey } from '../../api/surveys';
import { errorList, errorsFromFailure, QuestionPage, RadioGroup, TextField, type ErrorItem } from '../../components/forms';
import { Loading, ProblemPage } from '../../components/Layout';
import { formatDateTime } from '@shared/format';
import { codeFromFragment } from '@shared/survey/personal-links';
import { newRequestId } from '../../api/request-id';

interface Draft {
  step: number;
  accessCode: string;
  /** Made once and kept with the answers, so sending again after a lost answer stores the survey once. */
  submissionId: string;
  context: Record<string, string>;
  answers: Record<string, AnswerValue>;
}

const emptyDraft = (): Draft => ({ step: 0, accessCode: '', submissionId: newRequestId(), context: {}, answers: {} });

/** Answers stay in this browser until sent, so a refresh or a dropped connection loses nothing. */
function useDraft(token: string) {
  const key = `link-survey:${token}`;
  const [draft, setDraft] = useState<Draft>(() => {
    try {
      return { ...emptyDraft(), ...(JSON.parse(localStorage.getItem(key) ?? 'null') ?? {}) };
    } catch {
      return emptyDraft();
    }
  });
  useEffect(() => {
    localStorage.setItem(key, JSON.stringify(draft));
  }, [key, draft]);
  return { draft, setDraft, clear: () => localStorage.removeItem(key) };
}

/**
 * The survey for schools and colleges: no sign-in, one section per page, a progress bar, a
 * check-your-answers page and a confirmation, following the GOV.UK question pages pattern.
 */
export function RespondPage({ token }: { token: string }) {
  const survey = usePublicSurvey(token);
  const submit = useSubmitSurvey(token);
  const checkCode = useCheckAccessCode(token);
  const { draft, setDraft, clear } = useDraft(token);
  // A school's own link carries its code after `#`, which never reaches our server's logs.
  const [linkCode] = useState(() => codeFromFragment(window.location.hash));
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const [done, setDone] = useState(false);
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [draft.step]);

  if (survey.isPending) return <Loading />;
  if (survey.isError) return <ProblemPage title="There is no survey at this link" message="Check the link in your email, or ask the person who sent it." />;
  const { instrument, status, closesAt, needsCode } = survey.data;
  if (done) {
    return (
      <div className="govuk-panel govuk-panel--confirmation">
        <h1 className="govuk-panel__title">Survey sent</h1>
        <div className="govuk-panel__body">Thank you. Your answers are anonymous.</div>
      </div>
    );
  }
  if (status !== 'open') {
    return <ProblemPage title={status === 'closed' ? 'This survey has closed' : 'This survey is not open yet'} message={status === 'closed' ? `It closed on ${formatDateTime(closesAt)}.` : `It opens on ${formatDateTime(survey.data.opensAt)}.`} />;
  }

  const sections = instrument.sections;
  const steps = 2 + sections.length; // start, about you, sections…, then check (index steps)
  const go = (step: number) => {
    setErrors([]);
    setDraft((d) => ({ ...d, step }));
  };
  const progress = draft.step > 0 && draft.step <= steps ? (
    <div className="app-progress">
      <label className="govuk-body-s" htmlFor="survey-progress">
        Page {draft.step} of {steps}
      </label>
      <progress id="survey-progress" max={steps} value={draft.step} />
    </div>
  ) : null;
  const demoNotice = instrument.demonstration && (
    <div className="govuk-warning-text">
      <span className="govuk-warning-text__icon" aria-hidden="true">!</span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        {survey.data.notice}
      </strong>
    </div>
  );

  if (draft.step === 0) {
    return (
      <QuestionPage errors={errors} title={instrument.title}>
        {demoNotice}
        <p className="govuk-body">This survey asks how your school or college works with mental health services in your area. It takes about 10 minutes.</p>
        <p className="govuk-body">Your answers are anonymous: we do not ask your name or your school’s name, and results are looked at only once at least 10 schools and colleges have answered.</p>
        <p className="govuk-body">Complete it by {formatDateTime(closesAt)}.</p>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const code = linkCode || String(new FormData(e.currentTarget).get('accessCode') ?? '').trim();
            if (!needsCode) return setDraft((d) => ({ ...d, step: 1 }));
            if (!code) return setErrors([{ field: 'accessCode', message: 'Enter the access code your school or college was given' }]);
            // Checked now, not after ten minutes of answers; it is used up only when the answers are sent.
            checkCode.mutate(
              { accessCode: code },
              {
                onSuccess: () => {
                  setErrors([]);
                  setDraft((d) => ({ ...d, accessCode: code, step: 1 }));
                },
                onError: (error) => setErrors(errorsFromFailure(error, ['accessCode'], 'The access code could not be checked. Try again.')),
              },
            );
          }}
        >
          {needsCode && linkCode && <p className="govuk-body">This link is for your school or college only, and works once.</p>}
          {needsCode && !linkCode && (
            <TextField id="accessCode" label="Access code" hint="For example, ABCD-EFGH. It was sent to your school or college with the link." className="govuk-input--width-10" defaultValue={draft.accessCode} autoComplete="off" spellCheck={false} error={errors.find((e) => e.field === 'accessCode')?.message} />
          )}
          <button type="submit" className="govuk-button govuk-button--start" disabled={checkCode.isPending}>
            Start now
          </button>
        </form>
      </QuestionPage>
    );
  }

  if (draft.step === 1) {
    return (
      <QuestionPage errors={errors} title="About you" caption={instrument.title}>
        {progress}
        <form
          noValidate
          onSubmit={(e: FormEvent<HTMLFormElement>) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            const context = Object.fromEntries(instrument.context.map((q) => [q.id, form.get(q.id)]).filter(([, v]) => v)) as Record<string, string>;
            const problems = Object.fromEntries(Object.entries(checkAnswers(instrument, {}, context)).filter(([k]) => k.startsWith('context.')).map(([k, v]) => [k.slice(8), v]));
            if (Object.keys(problems).length) return setErrors(errorList(problems, instrument.context.map((q) => q.id)));
            setDraft((d) => ({ ...d, context, step: 2 }));
            setErrors([]);
          }}
        >
          {instrument.context.map((q) => (
            <RadioGroup key={q.id} id={q.id} legend={q.required ? q.question : `${q.question} (optional)`} options={q.options} defaultValue={draft.context[q.id]} error={errors.find((e) => e.field === q.id)?.message} />
          ))}
          <button type="submit" className="govuk-button">
            Continue
          </button>
        </form>
      </QuestionPage>
    );
  }

  const sectionIndex = draft.step - 2;
  if (sectionIndex < sections.length) {
    const section = sections[sectionIndex]!;
    return (
      <QuestionPage errors={errors} title={section.title} caption={instrument.title}>
        {progress}
        {section.description && <p className="govuk-body">{section.description}</p>}
        <form
          key={section.id}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            const answers: Record<string, AnswerValue> = {};
            for (const item of section.items) {
              const value = form.get(item.id);
              if (value !== null) answers[item.id] = value === notApplicable ? notApplicable : Number(value);
            }
            const problems = Object.fromEntries(section.items.filter((i) => i.required && !(i.id in answers)).map((i) => [i.id, 'Choose an answer']));
            if (Object.keys(problems).length) return setErrors(errorList(problems, section.items.map((i) => i.id)));
            setDraft((d) => ({ ...d, answers: { ...d.answers, ...answers }, step: d.step + 1 }));
            setErrors([]);
          }}
        >
          {section.items.map((item) => (
            <ItemQuestion key={item.id} instrument={instrument} itemId={item.id} value={draft.answers[item.id]} error={errors.find((e) => e.field === item.id)?.message} />
          ))}
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button">
              Continue
            </button>
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => go(draft.step - 1)}>
              Back
            </button>
          </div>
        </form>
      </QuestionPage>
    );
  }

  return (
    <QuestionPage errors={errors} title="Check your answers before sending" caption={instrument.title}>
      {progress}
      <p className="govuk-body">You answered {Object.keys(draft.answers).length} questions. You can change any of them before sending.</p>
      <AnswersSummary title="About you" rows={instrument.context.map((q) => ({ key: q.question, value: q.options.find((o) => o.value === draft.context[q.id])?.label ?? 'Not answered' }))} onChange={() => go(1)} />
      {sections.map((section, i) => (
        <AnswersSummary key={section.id} title={section.title} rows={section.items.map((item) => ({ key: item.text, value: answerLabel(instrument, item.id, draft.answers[item.id]) }))} onChange={() => go(i + 2)} />
      ))}
      <button
        type="button"
        className="govuk-button"
        disabled={submit.isPending}
        onClick={() =>
          submit.mutate(
            { submissionId: draft.submissionId, answers: draft.answers, context: draft.context, ...(needsCode ? { accessCode: linkCode || draft.accessCode } : {}) },
            {
              onSuccess: () => {
                clear();
                setDone(true);
              },
              onError: (error) => setErrors(errorsFromFailure(error, [], 'Your answers could not be sent. Try again.')),
            },
          )
        }
      >
        Send survey
      </button>
    </QuestionPage>
  );
}

function ItemQuestion({ instrument, itemId, value, error }: { instrument: InstrumentFile; itemId: string; value: AnswerValue | undefined; error?: string }) {
  const item = instrument.sections.flatMap((s) => s.items).find((i) => i.id === itemId)!;
  const scale = responseScaleOf(instrument, item);
  const options = [...scale.options.map((o) => ({ value: String(o.value), label: o.label })), ...(scale.notApplicable ? [{ value: notApplicable, label: scale.notApplicable.label }] : [])];
  return <RadioGroup id={item.id} legend={item.text} options={options} defaultValue={value === undefined ? undefined : String(value)} error={error} />;
}

/** The words of a chosen answer, as the school saw them. */
function answerLabel(instrument: InstrumentFile, itemId: string, value: AnswerValue | undefined): string {
  if (value === undefined) return 'Not answered';
  const item = instrument.sections.flatMap((section) => section.items).find((i) => i.id === itemId)!;
  const scale = responseScaleOf(instrument, item);
  if (value === notApplicable) return scale.notApplicable?.label ?? 'Not applicable';
  return scale.options.find((o) => o.value === value)?.label ?? String(value);
}

/** One section of the check-your-answers page: a GOV.UK summary list, with a way back to change it. */
function AnswersSummary({ title, rows, onChange }: { title: string; rows: { key: string; value: string }[]; onChange: () => void }) {
  return (
    <>
      <h2 className="govuk-heading-m">{title}</h2>
      <dl className="govuk-summary-list govuk-!-margin-bottom-3">
        {rows.map((row) => (
          <div className="govuk-summary-list__row" key={row.key}>
            <dt className="govuk-summary-list__key">{row.key}</dt>
            <dd className="govuk-summary-list__value">{row.value}</dd>
          </div>
        ))}
      </dl>
      <p className="govuk-body">
        <button type="button" className="app-link-button" onClick={onChange}>
          Change<span className="govuk-visually-hidden"> your answers in “{title}”</span>
        </button>
      </p>
    </>
  );
}
