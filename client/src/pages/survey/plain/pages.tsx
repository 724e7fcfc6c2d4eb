import type { ReactNode } from 'react';
import { answerLabel, type SurveyDraft } from '@shared/survey/draft';
import { notApplicable, responseScaleOf, type InstrumentFile } from '@shared/survey/instrument';
import { formatDateTime } from '@shared/format';
import { errorList, QuestionPage, RadioGroup, TextField, type ErrorItem } from '../../../components/forms';

/**
 * The school survey's pages, rendered to HTML by the server: each is a plain form posted back to
 * the page's own address, so the survey works with JavaScript turned off. The answers so far come
 * from the school's draft, the errors from the last post.
 */

export interface SurveyAbout {
  instrument: InstrumentFile;
  notice: string;
  closesAt: string;
  /** Where the school can change an earlier page: the step's address. */
  stepUrl: (step: string) => string;
}

/** "Page 3 of 9", with a progress bar, above each question page. */
export function Progress({ page, of }: { page: number; of: number }) {
  return (
    <div className="app-progress">
      <label className="govuk-body-s" htmlFor="survey-progress">
        Page {page} of {of}
      </label>
      <progress id="survey-progress" max={of} value={page} />
    </div>
  );
}

function BackLink({ href }: { href: string }) {
  return (
    <a href={href} className="govuk-back-link">
      Back
    </a>
  );
}

function DemonstrationNotice({ survey }: { survey: SurveyAbout }) {
  if (!survey.instrument.demonstration) return null;
  return (
    <div className="govuk-warning-text">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        {survey.notice}
      </strong>
    </div>
  );
}

function PostForm({ children }: { children: ReactNode }) {
  // No action: the form posts to the address it came from, query string included.
  return (
    <form method="post" noValidate>
      {children}
    </form>
  );
}

export function StartPage({ survey, needsCode, personal, code, errors }: { survey: SurveyAbout; needsCode: boolean; personal: boolean; code: string; errors: ErrorItem[] }) {
  return (
    <QuestionPage errors={errors} title={survey.instrument.title}>
      <DemonstrationNotice survey={survey} />
      <p className="govuk-body">This survey asks how your school or college works with mental health services in your area. It takes about 10 minutes.</p>
      <p className="govuk-body">Your answers are anonymous: we do not ask your name or your school’s name, and results are looked at only once at least 10 schools and colleges have answered.</p>
      <p className="govuk-body">Complete it by {formatDateTime(survey.closesAt)}.</p>
      <PostForm>
        {needsCode && (
          <div data-personal-link={personal ? '' : undefined}>
            <TextField
              id="accessCode"
              label="Access code"
              hint={personal ? 'It is at the end of the link in your email, after “code=”. For example, ABCD-EFGH.' : 'For example, ABCD-EFGH. It was sent to your school or college with the link.'}
              className="govuk-input--width-10"
              defaultValue={code}
              autoComplete="off"
              spellCheck={false}
              error={errors.find((e) => e.field === 'accessCode')?.message}
            />
          </div>
        )}
        <button type="submit" className="govuk-button govuk-button--start" data-prevent-double-click="true">
          Start now
        </button>
      </PostForm>
    </QuestionPage>
  );
}

/** A page of questions: back link, errors, heading, progress, the questions and "Continue". */
function QuestionsForm({ back, errors, title, survey, progress, intro, children }: { back: string; errors: ErrorItem[]; title: string; survey: SurveyAbout; progress: ReactNode; intro?: ReactNode; children: ReactNode }) {
  return (
    <>
      <BackLink href={back} />
      <QuestionPage errors={errors} title={title} caption={survey.instrument.title}>
        {progress}
        {intro}
        <PostForm>
          {children}
          <button type="submit" className="govuk-button">
            Continue
          </button>
        </PostForm>
      </QuestionPage>
    </>
  );
}

export function AboutYouPage({ survey, draft, errors, progress }: { survey: SurveyAbout; draft: SurveyDraft; errors: ErrorItem[]; progress: ReactNode }) {
  return (
    <QuestionsForm back={survey.stepUrl('start')} errors={errors} title="About you" survey={survey} progress={progress}>
      {survey.instrument.context.map((q) => (
        <RadioGroup key={q.id} id={q.id} legend={q.required ? q.question : `${q.question} (optional)`} options={q.options} defaultValue={draft.context[q.id]} error={errors.find((e) => e.field === q.id)?.message} />
      ))}
    </QuestionsForm>
  );
}

export function SectionPage({ survey, section, draft, errors, progress, back }: { survey: SurveyAbout; section: InstrumentFile['sections'][number]; draft: SurveyDraft; errors: ErrorItem[]; progress: ReactNode; back: string }) {
  const intro = section.description ? <p className="govuk-body">{section.description}</p> : null;
  return (
    <QuestionsForm back={back} errors={errors} title={section.title} survey={survey} progress={progress} intro={intro}>
      {section.items.map((item) => {
        const scale = responseScaleOf(survey.instrument, item);
        const options = [...scale.options.map((o) => ({ value: String(o.value), label: o.label })), ...(scale.notApplicable ? [{ value: notApplicable, label: scale.notApplicable.label }] : [])];
        const value = draft.answers[item.id];
        return <RadioGroup key={item.id} id={item.id} legend={item.text} options={options} defaultValue={value === undefined ? undefined : String(value)} error={errors.find((e) => e.field === item.id)?.message} />;
      })}
    </QuestionsForm>
  );
}

export function CheckPage({ survey, draft, errors, progress }: { survey: SurveyAbout; draft: SurveyDraft; errors: ErrorItem[]; progress: ReactNode }) {
  const { instrument } = survey;
  return (
    <>
      <BackLink href={survey.stepUrl(`section-${instrument.sections.length}`)} />
      <QuestionPage errors={errors} title="Check your answers before sending" caption={instrument.title}>
        {progress}
        <p className="govuk-body">You answered {Object.keys(draft.answers).length} questions. You can change any of them before sending.</p>
        <AnswersSummary
          title="About you"
          href={survey.stepUrl('about-you')}
          rows={instrument.context.map((q) => ({ key: q.question, value: q.options.find((o) => o.value === draft.context[q.id])?.label ?? 'Not answered' }))}
        />
        {instrument.sections.map((section, i) => (
          <AnswersSummary key={section.id} title={section.title} href={survey.stepUrl(`section-${i + 1}`)} rows={section.items.map((item) => ({ key: item.text, value: answerLabel(instrument, item.id, draft.answers[item.id]) }))} />
        ))}
        <h2 className="govuk-heading-m">Now send your answers</h2>
        <p className="govuk-body">Once sent, your answers cannot be changed. Nobody can tell which answers are yours.</p>
        <PostForm>
          <button type="submit" className="govuk-button" data-prevent-double-click="true">
            Send survey
          </button>
        </PostForm>
      </QuestionPage>
    </>
  );
}

/** One section of the check-your-answers page: a GOV.UK summary list, with a link to change it. */
function AnswersSummary({ title, href, rows }: { title: string; href: string; rows: { key: string; value: string }[] }) {
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
        <a className="govuk-link" href={`${href}?from=check`}>
          Change<span className="govuk-visually-hidden"> your answers in “{title}”</span>
        </a>
      </p>
    </>
  );
}

export function SentPage() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">Survey sent</h1>
          <div className="govuk-panel__body">Thank you. Your answers are anonymous.</div>
        </div>
        <p className="govuk-body">You can close this page.</p>
      </div>
    </div>
  );
}

/** Field problems as the error summary lists them, in the order the page shows its fields. */
export const surveyErrors = (problems: Record<string, string>, order: string[]): ErrorItem[] => errorList(problems, order, Object.values(problems)[0]);
