import type { InstrumentFile } from './instrument';
import { computeResults, type SurveyResponse, type SurveyResults } from './results';

/**
 * The anonymity rules of the school survey. Every read path (API, socket, export, report) goes
 * through `answerQuery`; nothing else computes figures from survey answers.
 *
 * A "figure" is the set of responses a shown result is computed from. The rules guarantee:
 * - every figure has at least `threshold` responses;
 * - any two figures of one release, one inside the other, differ by none or at least
 *   `threshold` responses (so no small group can be found by subtraction);
 * - a figure and a figure of the previous release, one inside the other, differ by none or at
 *   least `step` responses (so comparing consecutive releases singles nobody out).
 */
export const minimumThreshold = 10;
export const defaultReleaseStep = 5;

/** A site may raise the threshold, never lower it. */
export function effectiveThreshold(siteThreshold?: number | null): number {
  return Math.max(minimumThreshold, Math.floor(siteThreshold ?? minimumThreshold));
}

/**
 * How many responses the visible results should cover now. Results appear once the threshold
 * is reached and then move only in steps of at least `step` new responses. Returns the current
 * release when no new one is due, and null before the threshold.
 */
export function releaseSize(completed: number, currentRelease: number | null, threshold: number, step = defaultReleaseStep): number | null {
  if (completed < threshold) return currentRelease;
  if (currentRelease === null) return completed;
  return completed >= currentRelease + Math.max(2, step) ? completed : currentRelease;
}

/** A question about the results: the whole release, one breakdown, or a filter on context answers. */
export type ResultsQuery = { kind: 'all' } | { kind: 'breakdown'; question: string } | { kind: 'filter'; filters: Record<string, string> };

export interface GroupAnswer {
  value: string;
  label: string;
  /** Null when the group is hidden: too small, or hidden so a small group cannot be worked out. */
  results: SurveyResults | null;
}

export type QueryAnswer =
  | { kind: 'too-few'; reason: string }
  | { kind: 'results'; results: SurveyResults }
  | { kind: 'breakdown'; question: string; groups: GroupAnswer[] };

/**
 * A release: the results shown cover the first `size` responses, and these context groups
 * (keys from `groupKey`) may be shown. Fixed when made, so later reads never recompute it.
 */
export interface Release {
  size: number;
  groups: string[];
}

export interface Releases {
  current: Release;
  previous: Release | null;
}

const unanswered = '(not answered)';
const contextValue = (response: SurveyResponse, question: string) => response.context[question] ?? unanswered;
export const groupKey = (question: string, value: string) => `${question}:${value}`;

type Figure = Set<string>;

/** True when one figure holds the other and they differ by fewer than `minimum` responses (not none). */
function nestedWithSmallDifference(a: Figure, b: Figure, minimum: number): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  const difference = large.size - small.size;
  if (difference === 0 || difference >= minimum) return false;
  for (const id of small) if (!large.has(id)) return false;
  return true;
}

/**
 * The groups of every context question that may be shown in a release. Start from groups of at
 * least the threshold; then repeatedly (1) hide a group nested in another shown figure (or in
 * one of the previous release) with too small a difference, and (2) suppress further groups
 * so that each question's hidden groups are none, or at least two holding at least the
 * threshold together (complementary suppression); until nothing changes.
 */
function safeGroups(
  instrument: InstrumentFile,
  release: SurveyResponse[],
  threshold: number,
  earlier: { figures: Figure[]; step: number } | null,
): Map<string, Figure> {
  const all: Figure = new Set(release.map((r) => r.id));
  const groups = new Map<string, { question: string; value: string; figure: Figure }>();
  for (const question of instrument.context) {
    for (const response of release) {
      const value = contextValue(response, question.id);
      const key = groupKey(question.id, value);
      if (!groups.has(key)) groups.set(key, { question: question.id, value, figure: new Set() });
      groups.get(key)!.figure.add(response.id);
    }
  }
  // "Not answered" is never shown as a group, so it always counts among the hidden ones.
  const answerable = new Set(instrument.context.flatMap((q) => q.options.map((o) => groupKey(q.id, o.value))));
  const shown = new Set([...groups].filter(([key, g]) => answerable.has(key) && g.figure.size >= threshold).map(([key]) => key));

  for (let changed = true; changed; ) {
    changed = false;
    const hide = (key: string) => {
      if (shown.delete(key)) changed = true;
    };
    // (1) nested figures with too small a difference: hide the smaller one (never the whole).
    const figures: [string | null, Figure][] = [[null, all], ...[...shown].map((key) => [key, groups.get(key)!.figure] as [string, Figure])];
    for (const [keyA, a] of figures) {
      for (const [keyB, b] of figures) {
        if (keyA === keyB || !nestedWithSmallDifference(a, b, threshold)) continue;
        const [smaller, larger] = a.size <= b.size ? [keyA, keyB] : [keyB, keyA];
        hide((smaller ?? larger)!);
      }
      if (keyA && earlier?.figures.some((old) => nestedWithSmallDifference(a, old, Math.max(2, earlier.step)))) hide(keyA);
    }
    // (2) complementary suppression per question.
    for (const question of instrument.context) {
      const keys = [...groups].filter(([, g]) => g.question === question.id).map(([key]) => key);
      const hidden = keys.filter((k) => !shown.has(k));
      const hiddenTotal = hidden.reduce((n, k) => n + groups.get(k)!.figure.size, 0);
      if (hidden.length === 0 || (hidden.length >= 2 && hiddenTotal >= threshold)) continue;
      const smallest = keys.filter((k) => shown.has(k)).sort((x, y) => groups.get(x)!.figure.size - groups.get(y)!.figure.size || x.localeCompare(y))[0];
      if (smallest) hide(smallest);
    }
  }
  return new Map([...shown].map((key) => [key, groups.get(key)!.figure]));
}

/** A multi-question filter is answered only if every cell of the full cross-tabulation is large enough. */
function everyCellLargeEnough(instrument: InstrumentFile, release: SurveyResponse[], threshold: number): boolean {
  const cells = new Map<string, number>();
  for (const response of release) {
    const key = instrument.context.map((q) => contextValue(response, q.id)).join('\u0000');
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  return [...cells.values()].every((n) => n >= threshold);
}

/** Everything that could be shown of a release, for comparison with the next one. */
function figuresOf(instrument: InstrumentFile, responses: SurveyResponse[], release: Release): Figure[] {
  const covered = responses.slice(0, release.size);
  const figures: Figure[] = [new Set(covered.map((r) => r.id))];
  for (const key of release.groups) {
    const [question, value] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    figures.push(new Set(covered.filter((r) => contextValue(r, question) === value).map((r) => r.id)));
  }
  return figures;
}

/**
 * The release after `previous` now that `completed` responses are in: the same one until the
 * threshold and step allow a new one, whose groups are then fixed against the previous release.
 */
export function nextRelease(
  instrument: InstrumentFile,
  responses: SurveyResponse[],
  previous: Release | null,
  threshold: number,
  step = defaultReleaseStep,
): Release | null {
  const size = releaseSize(responses.length, previous?.size ?? null, threshold, step);
  if (size === null || size === previous?.size) return previous;
  const covered = responses.slice(0, size);
  const earlier = previous ? { figures: figuresOf(instrument, responses, previous), step } : null;
  return { size, groups: [...safeGroups(instrument, covered, threshold, earlier).keys()].sort() };
}

/**
 * Answers a query on the current release, with the members of each figure returned (for the
 * property tests; the API strips them).
 */
export function answerQueryWithMembers(
  instrument: InstrumentFile,
  responses: SurveyResponse[],
  releases: Releases,
  query: ResultsQuery,
  threshold: number,
  step = defaultReleaseStep,
): { answer: QueryAnswer; members: string[][] } {
  const release = responses.slice(0, releases.current.size);
  const tooFew = (reason: string) => ({ answer: { kind: 'too-few' as const, reason }, members: [] });
  if (release.length < threshold) return tooFew(`Results are shown once ${threshold} surveys are complete`);
  const ids = (subset: SurveyResponse[]) => subset.map((r) => r.id);
  if (query.kind === 'all') return { answer: { kind: 'results', results: computeResults(instrument, release) }, members: [ids(release)] };

  const earlier = releases.previous ? figuresOf(instrument, responses, releases.previous) : [];
  const shownGroups = new Set(releases.current.groups);
  const groupFigure = (question: string, value: string): Figure | null =>
    shownGroups.has(groupKey(question, value)) ? new Set(release.filter((r) => contextValue(r, question) === value).map((r) => r.id)) : null;

  if (query.kind === 'breakdown') {
    const question = instrument.context.find((q) => q.id === query.question);
    if (!question) return tooFew('There is no such question');
    const members: string[][] = [];
    const groups = question.options.map((option) => {
      const figure = groupFigure(question.id, option.value);
      if (!figure) return { value: option.value, label: option.label, results: null };
      members.push([...figure]);
      return { value: option.value, label: option.label, results: computeResults(instrument, release.filter((r) => figure.has(r.id))) };
    });
    return { answer: { kind: 'breakdown', question: question.id, groups }, members };
  }

  const questions = Object.keys(query.filters).sort();
  if (!questions.length) return answerQueryWithMembers(instrument, responses, releases, { kind: 'all' }, threshold, step);
  if (questions.some((q) => !instrument.context.some((c) => c.id === q))) return tooFew('There is no such question');
  const notEnough = `Too few surveys match to show results without identifying anyone (fewer than ${threshold}, or few enough to work out by comparing results)`;
  let subset: SurveyResponse[];
  if (questions.length === 1) {
    const figure = groupFigure(questions[0]!, query.filters[questions[0]!]!);
    if (!figure) return tooFew(notEnough);
    subset = release.filter((r) => figure.has(r.id));
  } else {
    if (!everyCellLargeEnough(instrument, release, threshold)) return tooFew(notEnough);
    subset = release.filter((r) => questions.every((q) => contextValue(r, q) === query.filters[q]));
    const figure = new Set(ids(subset));
    if (subset.length < threshold || earlier.some((old) => nestedWithSmallDifference(figure, old, Math.max(2, step)))) return tooFew(notEnough);
  }
  return { answer: { kind: 'results', results: computeResults(instrument, subset) }, members: [ids(subset)] };
}

export function answerQuery(
  instrument: InstrumentFile,
  responses: SurveyResponse[],
  releases: Releases,
  query: ResultsQuery,
  threshold: number,
  step = defaultReleaseStep,
): QueryAnswer {
  return answerQueryWithMembers(instrument, responses, releases, query, threshold, step).answer;
}
