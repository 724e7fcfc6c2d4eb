import { z } from 'zod';
import { judgeFigures } from '../disclosure/singling-out';
import type { InstrumentFile } from './instrument';
import { computeResults, type SurveyResponse, type SurveyResults } from './results';

/**
 * The anonymity rules of the school survey. Every read path (API, socket, export, report,
 * dashboard) goes through `answerQuery`; nothing else computes figures from survey answers.
 *
 * The guarantee: over everything ever published for a survey, no combination of figures
 * (sums and differences with any weights) covers fewer than `threshold` responses.
 *
 * How it is kept: results move in releases. A release covers the first `size` responses and
 * publishes a fixed list of figures (the whole release, groups of one context question,
 * crossings of two). A figure joins a release only if, together with every figure of every
 * earlier release, it still passes `judgeFigures`. Releases are kept for ever, so a later
 * release is judged against all of them, whoever read what and when. A group that cannot join
 * a release keeps showing its figure from the last release it joined, if any.
 */
const minimumThreshold = 10;

/** A site may raise the threshold, never lower it. */
export function effectiveThreshold(siteThreshold?: number | null): number {
  return Math.max(minimumThreshold, Math.floor(siteThreshold ?? minimumThreshold));
}

/** Filters on context answers; at most two questions, so every figure can be judged in advance. */
const maximumFilterQuestions = 2;

type Filters = Record<string, string>;

/** A figure's name in a release: '' for the whole release, else `question=value` pairs by question. */
const figureKey = (filters: Filters) =>
  Object.keys(filters)
    .sort()
    .map((question) => `${question}=${filters[question]}`)
    .join('&');

export const SurveyRelease = z.object({ size: z.number().int().positive(), figures: z.array(z.string()) });
export type SurveyRelease = z.infer<typeof SurveyRelease>;
/** Every release ever made for a survey, oldest first. */
export const ReleaseHistory = z.array(SurveyRelease);
export type ReleaseHistory = z.infer<typeof ReleaseHistory>;

/** A question about the results: the whole release, one breakdown, or a filter on context answers. */
export type ResultsQuery = { kind: 'all' } | { kind: 'breakdown'; question: string } | { kind: 'filter'; filters: Filters };

interface GroupAnswer {
  value: string;
  label: string;
  /** Null when the group is hidden: too small, or hidden so that no small group can be worked out. */
  results: SurveyResults | null;
  /** How many responses the release this group's figure comes from covered. */
  asOf: number | null;
}

export type QueryAnswer =
  | { kind: 'too-few'; reason: string }
  /** Results that only facilitators may read (an open link or access codes), whatever the count: not a matter of waiting for more. */
  | { kind: 'withheld'; reason: string }
  /** The answers were deleted under the retention rule: nothing more can be worked out from them. */
  | { kind: 'deleted'; reason: string }
  | { kind: 'results'; results: SurveyResults; asOf: number }
  | { kind: 'breakdown'; question: string; groups: GroupAnswer[] };

const unanswered = '(not answered)';
const contextValue = (response: SurveyResponse, question: string) => response.context[question] ?? unanswered;
const matches = (response: SurveyResponse, filters: Filters) => Object.entries(filters).every(([q, v]) => contextValue(response, q) === v);

function filtersOf(key: string): Filters {
  if (!key) return {};
  return Object.fromEntries(key.split('&').map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
}

const membersOf = (responses: SurveyResponse[], size: number, key: string) => {
  const filters = filtersOf(key);
  return responses.slice(0, size).filter((r) => matches(r, filters));
};

/** The figures a release could publish, most useful first: the whole, then groups, then crossings. */
function candidateFigures(instrument: InstrumentFile, covered: SurveyResponse[], threshold: number): string[] {
  const sizeOf = (filters: Filters) => covered.filter((r) => matches(r, filters)).length;
  const bySizeThenName = (list: Filters[]) =>
    list
      .map((filters) => ({ key: figureKey(filters), size: sizeOf(filters) }))
      .filter((f) => f.size >= threshold)
      .sort((a, b) => b.size - a.size || a.key.localeCompare(b.key))
      .map((f) => f.key);
  const groups = instrument.context.flatMap((q) => q.options.map((o) => ({ [q.id]: o.value })));
  const crossings = instrument.context.flatMap((q, i) =>
    instrument.context.slice(i + 1).flatMap((p) => q.options.flatMap((o) => p.options.map((po) => ({ [q.id]: o.value, [p.id]: po.value })))),
  );
  return ['', ...bySizeThenName(groups), ...bySizeThenName(crossings)];
}

/**
 * The release due now that `responses` (in arrival order) are in, or null when none is: the
 * first once the threshold is reached, then one each time at least `threshold` more arrive
 * (a smaller step would single out the newcomers by comparing totals).
 */
export function nextRelease(instrument: InstrumentFile, responses: SurveyResponse[], history: ReleaseHistory, threshold: number): SurveyRelease | null {
  const last = history.at(-1);
  if (responses.length < (last ? last.size + threshold : threshold)) return null;
  const size = responses.length;
  const published = history.flatMap((release) => release.figures.map((key) => idsOf(membersOf(responses, release.size, key))));
  const accepted: string[] = [];
  for (const key of candidateFigures(instrument, responses, threshold)) {
    const figure = idsOf(membersOf(responses, size, key));
    if (judgeFigures([...published, figure], threshold) !== 'safe') continue;
    published.push(figure);
    accepted.push(key);
  }
  // The whole release is always safe when it grows by the threshold; if the check could not
  // say so, wait for more responses rather than publish anything doubtful.
  return accepted[0] === '' ? { size, figures: accepted } : null;
}

const idsOf = (subset: SurveyResponse[]) => new Set(subset.map((r) => r.id));

/** The latest release that published the figure with this key, if any. */
const latestWith = (history: ReleaseHistory, key: string) => history.findLast((release) => release.figures.includes(key)) ?? null;

/**
 * Answers a query from the releases made so far, with the members of each figure returned
 * (for the property tests; the API strips them).
 */
export function answerQueryWithMembers(
  instrument: InstrumentFile,
  responses: SurveyResponse[],
  history: ReleaseHistory,
  query: ResultsQuery,
  threshold: number,
): { answer: QueryAnswer; members: string[][] } {
  const tooFew = (reason: string) => ({ answer: { kind: 'too-few' as const, reason }, members: [] });
  if (!history.length) return tooFew(`Results are shown once ${threshold} surveys are complete`);
  const members: string[][] = [];
  const figure = (key: string) => {
    const release = latestWith(history, key);
    if (!release) return null;
    const subset = membersOf(responses, release.size, key);
    members.push(subset.map((r) => r.id));
    return { results: computeResults(instrument, subset), asOf: release.size };
  };

  if (query.kind === 'breakdown') {
    const question = instrument.context.find((q) => q.id === query.question);
    if (!question) return tooFew('There is no such question');
    const groups = question.options.map((option) => {
      const shown = figure(figureKey({ [question.id]: option.value }));
      return { value: option.value, label: option.label, results: shown?.results ?? null, asOf: shown?.asOf ?? null };
    });
    return { answer: { kind: 'breakdown', question: question.id, groups }, members };
  }

  const filters = query.kind === 'filter' ? query.filters : {};
  const questions = Object.keys(filters);
  if (questions.some((q) => !instrument.context.some((c) => c.id === q))) return tooFew('There is no such question');
  if (questions.length > maximumFilterQuestions) return tooFew(`Filter on at most ${maximumFilterQuestions} questions at once`);
  const shown = figure(figureKey(filters));
  if (!shown) return tooFew(`Too few surveys match to show results without identifying anyone (fewer than ${threshold}, or few enough to work out by comparing results)`);
  return { answer: { kind: 'results', ...shown }, members };
}

export function answerQuery(instrument: InstrumentFile, responses: SurveyResponse[], history: ReleaseHistory, query: ResultsQuery, threshold: number): QueryAnswer {
  return answerQueryWithMembers(instrument, responses, history, query, threshold).answer;
}
