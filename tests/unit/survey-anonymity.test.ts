import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoInstrument } from '@shared/survey/demo-instrument';
import { allItems, checkAnswers, InstrumentFile } from '@shared/survey/instrument';
import {
  answerQueryWithMembers,
  effectiveThreshold,
  nextRelease,
  type ReleaseHistory,
  type ResultsQuery,
} from '@shared/survey/anonymity';
import { computeResults, type SurveyResponse } from '@shared/survey/results';
import { smallestIsolation } from '../helpers/differencing-attack';

const settings = ['primary', 'secondary', 'special', 'fe-college'];
const roles = ['senior-leader', 'teacher', 'other'];
const items = allItems(demoInstrument);

/**
 * Response sets shaped to find leaks: few settings with skewed sizes, roles that mostly follow
 * the setting (so groups of different questions nest inside each other), sizes near the
 * threshold, and sometimes unanswered context questions.
 */
const responsesArb = (minLength: number, maxLength: number) =>
  fc
    .record({
      settingsUsed: fc.integer({ min: 1, max: 4 }),
      roleFollowsSetting: fc.double({ min: 0, max: 1, noNaN: true }),
      unansweredRate: fc.constantFrom(0, 0, 0.05, 0.2),
      rows: fc.array(fc.record({ s: fc.nat(99), r: fc.nat(99), follow: fc.double({ min: 0, max: 1, noNaN: true }), missing: fc.double({ min: 0, max: 1, noNaN: true }), answer: fc.integer({ min: 1, max: 5 }) }), { minLength, maxLength }),
    })
    .map(({ settingsUsed, roleFollowsSetting, unansweredRate, rows }) =>
      rows.map((row) => {
        // Skewed: the first setting is the most common.
        const settingIndex = Math.min(settingsUsed - 1, Math.floor(((row.s / 100) ** 2) * settingsUsed));
        const roleIndex = row.follow < roleFollowsSetting ? settingIndex % roles.length : row.r % roles.length;
        return {
          setting: row.missing < unansweredRate ? undefined : settings[settingIndex],
          role: row.missing > 1 - unansweredRate ? undefined : roles[roleIndex],
          answer: row.answer,
        };
      }),
    );

function responsesFrom(raw: { setting?: string; role?: string; answer: number }[]): SurveyResponse[] {
  return raw.map((r, i) => ({
    id: `r${i}`,
    answers: Object.fromEntries(items.map((item, k) => [item.id, ((r.answer + k) % 5) + 1])),
    context: { ...(r.setting ? { setting: r.setting } : {}), ...(r.role ? { role: r.role } : {}) },
  }));
}

const queryArb: fc.Arbitrary<ResultsQuery> = fc.oneof(
  fc.constant({ kind: 'all' as const }),
  fc.constantFrom('setting', 'role').map((question) => ({ kind: 'breakdown' as const, question })),
  fc.constantFrom(...settings).map((setting) => ({ kind: 'filter' as const, filters: { setting } })),
  fc.constantFrom(...roles).map((role) => ({ kind: 'filter' as const, filters: { role } })),
  fc.tuple(fc.constantFrom(...settings), fc.constantFrom(...roles)).map(([setting, role]) => ({ kind: 'filter' as const, filters: { setting, role } })),
);

const everyQuery: ResultsQuery[] = [
  { kind: 'all' },
  { kind: 'breakdown', question: 'setting' },
  { kind: 'breakdown', question: 'role' },
  ...settings.flatMap((setting) => roles.map((role) => ({ kind: 'filter' as const, filters: { setting, role } }))),
];

/** Lets responses arrive one by one, making every release the rules allow along the way. */
function releasesAsTheyArrive(responses: SurveyResponse[], threshold: number, readEvery = 1): ReleaseHistory {
  let history: ReleaseHistory = [];
  for (let completed = 1; completed <= responses.length; completed += readEvery) {
    const release = nextRelease(demoInstrument, responses.slice(0, completed), history, threshold);
    if (release) history = [...history, release];
  }
  return history;
}

/** Everything ever published: every query answered after every release. */
function everyFigure(responses: SurveyResponse[], history: ReleaseHistory, threshold: number): string[][] {
  const figures = new Map<string, string[]>();
  for (let i = 1; i <= history.length; i++) {
    for (const query of everyQuery) {
      for (const members of answerQueryWithMembers(demoInstrument, responses, history.slice(0, i), query, threshold).members) figures.set(members.join(), members);
    }
  }
  return [...figures.values()];
}

describe('survey anonymity rules (property-based)', () => {
  it('below the threshold, no query returns any figure', () => {
    fc.assert(
      fc.property(responsesArb(0, 30), fc.integer({ min: 10, max: 15 }), fc.array(queryArb, { maxLength: 6 }), (raw, threshold, queries) => {
        const responses = responsesFrom(raw);
        fc.pre(responses.length < threshold);
        const history = releasesAsTheyArrive(responses, threshold);
        expect(history).toEqual([]);
        for (const query of queries) {
          const { answer, members } = answerQueryWithMembers(demoInstrument, responses, history, query, threshold);
          expect(answer.kind).toBe('too-few');
          expect(members).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('no combination of everything ever published singles out fewer than the threshold, and releases grow by at least the threshold', () => {
    fc.assert(
      fc.property(responsesArb(10, 70), fc.integer({ min: 10, max: 12 }), fc.integer({ min: 1, max: 7 }), (raw, threshold, readEvery) => {
        const responses = responsesFrom(raw);
        const history = releasesAsTheyArrive(responses, threshold, readEvery);
        for (let i = 1; i < history.length; i++) expect(history[i]!.size - history[i - 1]!.size).toBeGreaterThanOrEqual(threshold);
        const index = new Map(responses.map((r, i) => [r.id, i]));
        const observations = everyFigure(responses, history, threshold).map((members) => ({ members: members.map((id) => index.get(id)!), counts: [members.length] }));
        const isolation = smallestIsolation(observations, threshold);
        expect(isolation && isolation.members.length).toBeNull();
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 150), endOnFailure: true },
    );
  });
});

describe('survey rules (examples)', () => {
  it('never shows primary, secondary and senior leaders when together they leave one school (the subtraction found by an attacker)', () => {
    const raw = [
      ...Array.from({ length: 12 }, () => ({ setting: 'primary', role: 'senior-leader', answer: 1 })),
      ...Array.from({ length: 1 }, () => ({ setting: 'secondary', role: 'senior-leader', answer: 2 })),
      ...Array.from({ length: 14 }, () => ({ setting: 'secondary', role: 'teacher', answer: 3 })),
      ...Array.from({ length: 14 }, () => ({ setting: 'special', role: 'teacher', answer: 4 })),
    ];
    const responses = responsesFrom(raw);
    const release = nextRelease(demoInstrument, responses, [], 10);
    const shown = (key: string) => release!.figures.includes(key);
    expect(shown('setting=primary') && shown('setting=secondary') && shown('role=senior-leader')).toBe(false);
  });

  it('a group too small at the first release can still be shown later, once nothing small can be worked out', () => {
    // Three batches of 10: 6 primary and 4 secondary in each. Secondary stays hidden until
    // it is 12 strong, and primary with it (its complement), at the third release.
    const batch = [...Array.from({ length: 6 }, () => ({ setting: 'primary', role: 'teacher', answer: 1 })), ...Array.from({ length: 4 }, () => ({ setting: 'secondary', role: 'teacher', answer: 2 }))];
    const responses = responsesFrom([...batch, ...batch, ...batch]);
    const history = releasesAsTheyArrive(responses, 10);
    expect(history.map((r) => r.size)).toEqual([10, 20, 30]);
    expect(history[1]!.figures).not.toContain('setting=primary');
    expect(history[2]!.figures).toEqual(expect.arrayContaining(['', 'setting=primary', 'setting=secondary']));
  });

  it('a group shown earlier keeps its earlier figure when showing it now would single someone out', () => {
    const early = Array.from({ length: 25 }, (_, i) => ({ setting: i < 15 ? 'primary' : 'secondary', role: 'teacher', answer: 1 }));
    const later = Array.from({ length: 10 }, (_, i) => ({ setting: i < 6 ? 'primary' : 'secondary', role: 'teacher', answer: 2 }));
    const responses = responsesFrom([...early, ...later]);
    // First read at 25, next at 35.
    const first = nextRelease(demoInstrument, responses.slice(0, 25), [], 10)!;
    const history = [first, nextRelease(demoInstrument, responses, [first], 10)!];
    expect(history.map((r) => r.size)).toEqual([25, 35]);
    const { answer } = answerQueryWithMembers(demoInstrument, responses, history, { kind: 'breakdown', question: 'setting' }, 10);
    expect(answer.kind === 'breakdown' && answer.groups.filter((g) => g.results).map((g) => [g.value, g.asOf, g.results!.responses])).toEqual([
      ['primary', 25, 15],
      ['secondary', 25, 10],
    ]);
  });

  it('a site may raise the threshold but never lower it', () => {
    expect(effectiveThreshold(undefined)).toBe(10);
    expect(effectiveThreshold(5)).toBe(10);
    expect(effectiveThreshold(15)).toBe(15);
  });

  it('scores reverse items the other way round and leaves out "not applicable"', () => {
    const answers = Object.fromEntries(items.map((i) => [i.id, 5 as number | 'n/a']));
    answers.i3 = 1; // reverse-scored: 1 means 5
    answers.t1 = 'n/a';
    const results = computeResults(demoInstrument, [{ id: 'a', answers, context: {} }]);
    expect(results.factors.find((f) => f.id === 'interpersonal')!.mean).toBe(5);
    expect(results.items.find((i) => i.id === 't1')!.notApplicable).toBe(1);
    expect(results.items.find((i) => i.id === 't1')!.n).toBe(0);
  });

  it('checks answers: required items, values on the scale, known questions', () => {
    const complete = Object.fromEntries(items.map((i) => [i.id, 3]));
    expect(checkAnswers(demoInstrument, complete, { setting: 'primary' })).toEqual({});
    const { t1: _dropped, ...missing } = complete;
    expect(checkAnswers(demoInstrument, missing, { setting: 'primary' })).toEqual({ t1: 'Answer this question' });
    expect(Object.keys(checkAnswers(demoInstrument, { ...complete, t2: 7 }, { setting: 'primary' }))).toEqual(['t2']);
    expect(Object.keys(checkAnswers(demoInstrument, { ...complete, bogus: 1 }, { setting: 'primary' }))).toEqual(['bogus']);
    expect(Object.keys(checkAnswers(demoInstrument, complete, {}))).toEqual(['context.setting']);
    expect(Object.keys(checkAnswers(demoInstrument, complete, { setting: 'castle' }))).toEqual(['context.setting']);
  });

  it('validates instrument files with clear messages', () => {
    const broken = structuredClone(demoInstrument) as unknown as { sections: { items: { factor: string }[] }[] };
    broken.sections[0]!.items[0]!.factor = 'no-such-factor';
    const result = InstrumentFile.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe('Item t1 names a factor that does not exist: no-such-factor');
    expect(InstrumentFile.safeParse({ format: 'something else' }).error!.issues[0]!.message).toContain('link-programme-instrument/1');
  });
});
