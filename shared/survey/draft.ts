import { RequestId } from '../api/request-id';
import { allItems, checkAnswers, itemById, notApplicable, responseScaleOf, type AnswerValue, type InstrumentFile } from './instrument';

/**
 * A school's answers on their way through the survey's pages, before they are sent. Kept by the
 * school's browser (in a cookie for that survey's pages only), never by us until sent.
 */
export interface SurveyDraft {
  /** Made when the school starts, and sent with the answers, so a resent survey is stored once. */
  submissionId: string;
  accessCode: string;
  context: Record<string, string>;
  answers: Record<string, AnswerValue>;
}

/** The survey's pages after its start page, in order: about you, one per section, check answers. */
export function surveySteps(instrument: InstrumentFile): string[] {
  return ['about-you', ...instrument.sections.map((_, i) => `section-${i + 1}`), 'check'];
}

/** The section a step shows, or null for the other steps. */
export function sectionOfStep(instrument: InstrumentFile, step: string): InstrumentFile['sections'][number] | null {
  const match = /^section-(\d+)$/.exec(step);
  return match ? (instrument.sections[Number(match[1]) - 1] ?? null) : null;
}

/** The pages with a required question still unanswered, in order. */
export function unfinishedSteps(instrument: InstrumentFile, draft: SurveyDraft): string[] {
  return [
    ...(instrument.context.some((q) => q.required && !(q.id in draft.context)) ? ['about-you'] : []),
    ...instrument.sections.flatMap((s, i) => (s.items.some((item) => item.required && !(item.id in draft.answers)) ? [`section-${i + 1}`] : [])),
  ];
}

/** The first page with a required question still unanswered; the check page once all are done. */
export function firstUnfinishedStep(instrument: InstrumentFile, draft: SurveyDraft): string {
  return unfinishedSteps(instrument, draft)[0] ?? 'check';
}

type FormFields = Record<string, unknown>;
const fieldOf = (form: FormFields, name: string) => (typeof form[name] === 'string' ? (form[name] as string) : undefined);

/** The "About you" page's answers, and a message for each required question left out or unknown answer. */
export function readAboutYou(instrument: InstrumentFile, form: FormFields): { context: Record<string, string>; problems: Record<string, string> } {
  const context: Record<string, string> = {};
  for (const question of instrument.context) {
    const value = fieldOf(form, question.id);
    if (value) context[question.id] = value;
  }
  // Each message names its question: a page of several left unanswered otherwise listed the same
  // words several times in its error summary, none saying which question it meant.
  const problems = Object.fromEntries(
    Object.entries(checkAnswers(instrument, {}, context))
      .filter(([key]) => key.startsWith('context.'))
      .map(([key, message]) => {
        const id = key.slice('context.'.length);
        const question = instrument.context.find((q) => q.id === id);
        return [id, message === 'Answer this question' && question ? `Choose an answer for “${question.question}”` : message];
      }),
  );
  return { context, problems };
}

/** One section's answers, and a message for each required item left out or answer not on its scale. */
export function readSection(instrument: InstrumentFile, section: InstrumentFile['sections'][number], form: FormFields): { answers: Record<string, AnswerValue>; problems: Record<string, string> } {
  const answers: Record<string, AnswerValue> = {};
  const problems: Record<string, string> = {};
  for (const item of section.items) {
    const value = fieldOf(form, item.id);
    const scale = responseScaleOf(instrument, item);
    if (value === undefined || value === '') {
      if (item.required) problems[item.id] = `Choose an answer for “${item.text}”`;
    } else if (value === notApplicable && scale.notApplicable) answers[item.id] = notApplicable;
    else if (scale.options.some((o) => String(o.value) === value)) answers[item.id] = Number(value);
    else problems[item.id] = 'Choose one of the answers given';
  }
  return { answers, problems };
}

/** The words of a chosen answer, as the school saw them. */
export function answerLabel(instrument: InstrumentFile, itemId: string, value: AnswerValue | undefined): string {
  if (value === undefined) return 'Not answered';
  const item = itemById(instrument, itemId)!;
  const scale = responseScaleOf(instrument, item);
  if (value === notApplicable) return scale.notApplicable?.label ?? 'Not applicable';
  return scale.options.find((o) => o.value === value)?.label ?? String(value);
}

// A draft is kept in a cookie, which holds about 4 KB: one character per answer (its value on the
// scale, "x" for not applicable, "-" for none) and per context question (the option's position).
const symbols = '0123456789abcdefghijk';
const unanswered = '-';
const notApplicableSymbol = 'x';
const formatVersion = 'd1';

export function encodeDraft(instrument: InstrumentFile, draft: SurveyDraft): string {
  const context = instrument.context.map((q) => {
    const index = q.options.findIndex((o) => o.value === draft.context[q.id]);
    return index === -1 ? unanswered : symbols[index];
  });
  const answers = allItems(instrument).map((item) => {
    const value = draft.answers[item.id];
    if (value === undefined) return unanswered;
    return value === notApplicable ? notApplicableSymbol : (symbols[value] ?? unanswered);
  });
  return [formatVersion, draft.submissionId, context.join(''), answers.join(''), draft.accessCode].join('.');
}

/** The draft a cookie holds, or null when it is not one of this survey's (another version, tampered, cut short). */
export function decodeDraft(instrument: InstrumentFile, text: string): SurveyDraft | null {
  const [version, submissionId, contextSymbols, answerSymbols, ...code] = text.split('.');
  const items = allItems(instrument);
  if (version !== formatVersion || !RequestId.safeParse(submissionId).success) return null;
  if (contextSymbols?.length !== instrument.context.length || answerSymbols?.length !== items.length) return null;
  const context: Record<string, string> = {};
  for (const [i, question] of instrument.context.entries()) {
    const symbol = contextSymbols[i]!;
    if (symbol === unanswered) continue;
    const option = question.options[symbols.indexOf(symbol)];
    if (!option) return null;
    context[question.id] = option.value;
  }
  const answers: Record<string, AnswerValue> = {};
  for (const [i, item] of items.entries()) {
    const symbol = answerSymbols[i]!;
    if (symbol === unanswered) continue;
    if (symbol === notApplicableSymbol) answers[item.id] = notApplicable;
    else if (symbols.includes(symbol)) answers[item.id] = symbols.indexOf(symbol);
    else return null;
  }
  return { submissionId: submissionId!, accessCode: code.join('.').slice(0, 40), context, answers };
}
