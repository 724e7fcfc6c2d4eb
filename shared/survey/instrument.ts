import { z } from 'zod';

/**
 * The file format of a survey instrument. We ship the structure of the ESMHCI-S and items we
 * wrote ourselves for demonstration; a licensed copy of the published items can be imported in
 * this format. Validation checks every cross-reference so a bad file fails with a clear message.
 */
const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/, 'Ids are lower-case letters, digits and hyphens, up to 48 characters');
const Text = z.string().trim().min(1).max(600);

export const ResponseScale = z.object({
  id: Id,
  options: z
    .array(z.object({ value: z.number().int().min(0).max(20), label: Text }))
    .min(2, 'A response scale needs at least two options')
    .max(11),
  notApplicable: z.object({ label: Text }).optional(),
});
export type ResponseScale = z.infer<typeof ResponseScale>;

export const SurveyItem = z.object({
  id: Id,
  text: Text,
  responseScale: Id,
  scale: Id,
  factor: Id.nullable(),
  reverse: z.boolean().default(false),
  required: z.boolean().default(true),
});
export type SurveyItem = z.infer<typeof SurveyItem>;

const ContextQuestion = z.object({
  id: Id,
  question: Text,
  options: z.array(z.object({ value: Id, label: Text })).min(2).max(20),
  required: z.boolean().default(false),
});
type ContextQuestion = z.infer<typeof ContextQuestion>;

export const InstrumentFile = z
  .object({
    format: z.literal('link-programme-instrument/1', { error: 'The file must say format: "link-programme-instrument/1"' }),
    id: Id,
    version: z.string().regex(/^\d+(\.\d+){0,2}$/, 'Version is a number like 1 or 1.2'),
    title: Text,
    /** True for our own demonstration items, shown as such to respondents. */
    demonstration: z.boolean(),
    notice: z.string().max(1000).default(''),
    scales: z.array(z.object({ id: Id, label: Text })).min(1),
    factors: z.array(z.object({ id: Id, label: Text, scale: Id })),
    responseScales: z.array(ResponseScale).min(1),
    context: z.array(ContextQuestion).max(5).default([]),
    sections: z
      .array(z.object({ id: Id, title: Text, description: z.string().max(1000).default(''), items: z.array(SurveyItem).min(1).max(60) }))
      .min(1)
      .max(20),
  })
  .superRefine((file, ctx) => {
    const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const scales = new Set(file.scales.map((s) => s.id));
    const factors = new Map(file.factors.map((f) => [f.id, f]));
    const responseScales = new Set(file.responseScales.map((r) => r.id));
    const seen = new Set<string>();
    file.factors.forEach((f, i) => {
      if (!scales.has(f.scale)) problem(['factors', i, 'scale'], `Factor ${f.id} names a scale that does not exist: ${f.scale}`);
    });
    file.sections.forEach((section, s) =>
      section.items.forEach((item, i) => {
        const path = ['sections', s, 'items', i];
        if (seen.has(item.id)) problem([...path, 'id'], `Item id ${item.id} is used twice`);
        seen.add(item.id);
        if (!responseScales.has(item.responseScale)) problem([...path, 'responseScale'], `Item ${item.id} names a response scale that does not exist: ${item.responseScale}`);
        if (!scales.has(item.scale)) problem([...path, 'scale'], `Item ${item.id} names a scale that does not exist: ${item.scale}`);
        if (item.factor !== null) {
          const factor = factors.get(item.factor);
          if (!factor) problem([...path, 'factor'], `Item ${item.id} names a factor that does not exist: ${item.factor}`);
          else if (factor.scale !== item.scale) problem([...path, 'factor'], `Item ${item.id} is in scale ${item.scale} but its factor ${item.factor} is in ${factor.scale}`);
        }
      }),
    );
    file.responseScales.forEach((r, i) => {
      if (new Set(r.options.map((o) => o.value)).size !== r.options.length) problem(['responseScales', i, 'options'], `Response scale ${r.id} repeats a value`);
    });
  });
export type InstrumentFile = z.infer<typeof InstrumentFile>;

/** Every item of the instrument in order. */
export function allItems(instrument: InstrumentFile): SurveyItem[] {
  return instrument.sections.flatMap((s) => s.items);
}

const itemIndexes = new WeakMap<InstrumentFile, ReadonlyMap<string, SurveyItem>>();

/**
 * The item with this id. Results look an item up for every answer of every response, so each
 * instrument (never changed once read) keeps an index of its items instead of a search of them.
 */
export function itemById(instrument: InstrumentFile, id: string): SurveyItem | undefined {
  let index = itemIndexes.get(instrument);
  if (!index) itemIndexes.set(instrument, (index = new Map(allItems(instrument).map((item) => [item.id, item]))));
  return index.get(id);
}

export function responseScaleOf(instrument: InstrumentFile, item: SurveyItem): ResponseScale {
  return instrument.responseScales.find((r) => r.id === item.responseScale)!;
}

/** An answer is a value on the item's scale, or "n/a" where the scale allows it. */
export const notApplicable = 'n/a';
export const AnswerValue = z.union([z.number().int(), z.literal(notApplicable)]);
export type AnswerValue = z.infer<typeof AnswerValue>;

/**
 * Checks a set of answers against the instrument: every required item answered, every value on
 * its scale, no unknown items or context answers. Returns one message per problem, keyed by item.
 */
export function checkAnswers(
  instrument: InstrumentFile,
  answers: Record<string, AnswerValue>,
  context: Record<string, string>,
): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const id of Object.keys(answers)) if (!itemById(instrument, id)) problems[id] = 'This question is not part of the survey';
  for (const item of allItems(instrument)) {
    const value = answers[item.id];
    const scale = responseScaleOf(instrument, item);
    if (value === undefined) {
      if (item.required) problems[item.id] = 'Answer this question';
      continue;
    }
    if (value === notApplicable) {
      if (!scale.notApplicable) problems[item.id] = '“Not applicable” is not an answer to this question';
      continue;
    }
    if (!scale.options.some((o) => o.value === value)) problems[item.id] = `Choose one of the answers given (${scale.options.map((o) => o.value).join(', ')})`;
  }
  for (const [id, value] of Object.entries(context)) {
    const question = instrument.context.find((q) => q.id === id);
    if (!question) problems[`context.${id}`] = 'This question is not part of the survey';
    else if (!question.options.some((o) => o.value === value)) problems[`context.${id}`] = 'Choose one of the answers given';
  }
  for (const question of instrument.context) {
    if (question.required && !(question.id in context)) problems[`context.${question.id}`] = 'Answer this question';
  }
  return problems;
}
