import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { demoInstrument } from '@shared/survey/demo-instrument';
import { decodeDraft, encodeDraft, firstUnfinishedStep, readAboutYou, readSection, surveySteps, type SurveyDraft } from '@shared/survey/draft';
import { allItems, notApplicable, responseScaleOf } from '@shared/survey/instrument';

const items = allItems(demoInstrument);
const blank = (): SurveyDraft => ({ submissionId: 'abcdefghijklmnop1234', accessCode: '', context: {}, answers: {} });

/** Any draft a school could make: some questions answered with any answer their scale offers. */
const anyDraft = fc.record({
  accessCode: fc.string({ maxLength: 40 }).map((s) => s.trim()),
  context: fc.tuple(...demoInstrument.context.map((q) => fc.option(fc.constantFrom(...q.options.map((o) => o.value)), { nil: undefined }))),
  answers: fc.tuple(
    ...items.map((item) => {
      const scale = responseScaleOf(demoInstrument, item);
      const values: (number | typeof notApplicable)[] = [...scale.options.map((o) => o.value), ...(scale.notApplicable ? [notApplicable as typeof notApplicable] : [])];
      return fc.option(fc.constantFrom(...values), { nil: undefined });
    }),
  ),
});

describe('a survey draft kept in the school’s browser', () => {
  it('comes back exactly as it was kept, and stays well within a cookie’s 4 KB', () => {
    fc.assert(
      fc.property(anyDraft, ({ accessCode, context, answers }) => {
        const draft: SurveyDraft = {
          ...blank(),
          accessCode,
          context: Object.fromEntries(demoInstrument.context.flatMap((q, i) => (context[i] === undefined ? [] : [[q.id, context[i]!]]))),
          answers: Object.fromEntries(items.flatMap((item, i) => (answers[i] === undefined ? [] : [[item.id, answers[i]!]]))),
        };
        const text = encodeDraft(demoInstrument, draft);
        expect(decodeDraft(demoInstrument, text)).toEqual(draft);
        expect(encodeURIComponent(text).length).toBeLessThan(400);
      }),
    );
  });

  it('is refused when it is not one of this survey’s drafts', () => {
    const text = encodeDraft(demoInstrument, { ...blank(), answers: { [items[0]!.id]: 2 } });
    for (const bad of ['', 'nonsense', text.replace('d1.', 'd9.'), text.replace(/\.[^.]*\./, '.short.'), text.replace(/-{3}/, '-'), text.replace(/2/, '?')]) {
      expect(decodeDraft(demoInstrument, bad)).toBeNull();
    }
  });
});

describe('reading a page of the survey', () => {
  it('names each required statement left out, and keeps what was chosen', () => {
    const section = demoInstrument.sections[0]!;
    const [first, ...rest] = section.items;
    const { answers, problems } = readSection(demoInstrument, section, { [first!.id]: '2', [rest[0]!.id]: notApplicable });
    expect(answers).toEqual({ [first!.id]: 2, [rest[0]!.id]: notApplicable });
    expect(Object.keys(problems)).toEqual(rest.slice(1).map((i) => i.id));
    // Each says which statement it is about, so the error summary's links differ.
    expect(Object.values(problems)).toEqual(rest.slice(1).map((i) => `Choose an answer for “${i.text}”`));
  });

  it('refuses answers the page did not offer', () => {
    const section = demoInstrument.sections[0]!;
    const form = Object.fromEntries(section.items.map((i) => [i.id, '2']));
    expect(readSection(demoInstrument, section, { ...form, [section.items[0]!.id]: '99' }).problems).toEqual({ [section.items[0]!.id]: 'Choose one of the answers given' });
    expect(readAboutYou(demoInstrument, { setting: 'a-castle' }).problems).toEqual({ setting: 'Choose one of the answers given' });
    expect(readAboutYou(demoInstrument, {}).problems).toEqual({ setting: `Choose an answer for “${demoInstrument.context.find((q) => q.id === 'setting')!.question}”` });
  });

  it('sends someone coming back to the first page still to finish', () => {
    const steps = surveySteps(demoInstrument);
    expect(steps[0]).toBe('about-you');
    expect(steps.at(-1)).toBe('check');
    expect(firstUnfinishedStep(demoInstrument, blank())).toBe('about-you');
    const aboutYou = { setting: 'primary' };
    const firstSection = Object.fromEntries(demoInstrument.sections[0]!.items.map((i) => [i.id, 1]));
    expect(firstUnfinishedStep(demoInstrument, { ...blank(), context: aboutYou, answers: firstSection })).toBe('section-2');
    const all = Object.fromEntries(items.map((i) => [i.id, 1]));
    expect(firstUnfinishedStep(demoInstrument, { ...blank(), context: aboutYou, answers: all })).toBe('check');
  });
});
