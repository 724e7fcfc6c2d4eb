import { allItems, itemById, notApplicable, responseScaleOf, type AnswerValue, type InstrumentFile } from './instrument';

/** One completed survey as the rules see it: answers and context, nothing that identifies anyone. */
export interface SurveyResponse {
  /** Internal only: lets the tests follow which responses each figure depends on. */
  id: string;
  answers: Record<string, AnswerValue>;
  context: Record<string, string>;
}

interface Summary {
  n: number;
  mean: number;
  sd: number;
}

export interface SurveyResults {
  responses: number;
  scales: ({ id: string; label: string } & Summary)[];
  factors: ({ id: string; label: string; scale: string } & Summary)[];
  items: {
    id: string;
    text: string;
    factor: string | null;
    n: number;
    mean: number;
    distribution: { value: number; label: string; count: number }[];
    notApplicable: number;
  }[];
}

function summarise(values: number[]): Summary {
  const n = values.length;
  if (!n) return { n: 0, mean: 0, sd: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1) : 0;
  return { n, mean: round(mean), sd: round(Math.sqrt(variance)) };
}

const round = (x: number) => Math.round(x * 100) / 100;

/** An item's score: its value, turned round for reverse-scored items; null for not applicable. */
function itemScore(instrument: InstrumentFile, itemId: string, value: AnswerValue | undefined): number | null {
  if (value === undefined || value === notApplicable) return null;
  const item = itemById(instrument, itemId)!;
  if (!item.reverse) return value;
  const values = responseScaleOf(instrument, item).options.map((o) => o.value);
  return Math.min(...values) + Math.max(...values) - value;
}

/** Each respondent's mean over the items of a group, then the mean and spread across respondents. */
function groupSummary(instrument: InstrumentFile, responses: SurveyResponse[], itemIds: string[]): Summary {
  const perRespondent: number[] = [];
  for (const response of responses) {
    const scores = itemIds.map((id) => itemScore(instrument, id, response.answers[id])).filter((s): s is number => s !== null);
    if (scores.length) perRespondent.push(scores.reduce((a, b) => a + b, 0) / scores.length);
  }
  return summarise(perRespondent);
}

/** Every figure for a set of responses. Ungated: only `answerQuery` may decide what is shown. */
export function computeResults(instrument: InstrumentFile, responses: SurveyResponse[]): SurveyResults {
  const items = allItems(instrument);
  return {
    responses: responses.length,
    scales: instrument.scales.map((scale) => ({
      ...scale,
      ...groupSummary(instrument, responses, items.filter((i) => i.scale === scale.id).map((i) => i.id)),
    })),
    factors: instrument.factors.map((factor) => ({
      ...factor,
      ...groupSummary(instrument, responses, items.filter((i) => i.factor === factor.id).map((i) => i.id)),
    })),
    items: items.map((item) => {
      const scale = responseScaleOf(instrument, item);
      const values = responses.map((r) => r.answers[item.id]);
      const scores = responses.map((r) => itemScore(instrument, item.id, r.answers[item.id])).filter((s): s is number => s !== null);
      return {
        id: item.id,
        text: item.text,
        factor: item.factor,
        n: scores.length,
        mean: summarise(scores).mean,
        distribution: scale.options.map((o) => ({ value: o.value, label: o.label, count: values.filter((v) => v === o.value).length })),
        notApplicable: values.filter((v) => v === notApplicable).length,
      };
    }),
  };
}
