import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoInstrument } from '@shared/survey/demo-instrument';
import { allItems, checkAnswers, InstrumentFile } from '@shared/survey/instrument';
import {
  answerQueryWithMembers,
  effectiveThreshold,
  nextRelease,
  releaseSize,
  type Release,
  type ResultsQuery,
} from '@shared/survey/anonymity';
import { computeResults, type SurveyResponse } from '@shared/survey/results';

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

/** The release the rules make when all of `responses` have arrived at once. */
const releaseOf = (responses: SurveyResponse[], threshold: number): Release => nextRelease(demoInstrument, responses, null, threshold) ?? { size: responses.length, groups: [] };

function nestedDifference(a: string[], b: string[]): number | null {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  const set = new Set(large);
  return small.every((id) => set.has(id)) ? large.length - small.length : null;
}

describe('survey anonymity rules (property-based)', () => {
  it('below the threshold, no query returns any figure', () => {
    fc.assert(
      fc.property(responsesArb(0, 30), fc.integer({ min: 10, max: 15 }), fc.array(queryArb, { maxLength: 6 }), (raw, threshold, queries) => {
        const responses = responsesFrom(raw);
        fc.pre(responses.length < threshold);
        for (const query of queries) {
          const { answer, members } = answerQueryWithMembers(demoInstrument, responses, { current: releaseOf(responses, threshold), previous: null }, query, threshold);
          expect(answer.kind).toBe('too-few');
          expect(members).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('within a release, every figure has at least the threshold and nested figures differ by none or at least the threshold', () => {
    fc.assert(
      fc.property(responsesArb(10, 60), fc.integer({ min: 10, max: 12 }), fc.array(queryArb, { minLength: 1, maxLength: 8 }), (raw, threshold, queries) => {
        const responses = responsesFrom(raw);
        const figures: string[][] = [];
        const everyBreakdown: ResultsQuery[] = [{ kind: 'all' }, { kind: 'breakdown', question: 'setting' }, { kind: 'breakdown', question: 'role' }];
        for (const query of [...everyBreakdown, ...queries]) {
          const { members } = answerQueryWithMembers(demoInstrument, responses, { current: releaseOf(responses, threshold), previous: null }, query, threshold);
          figures.push(...members);
        }
        for (const figure of figures) expect(figure.length).toBeGreaterThanOrEqual(threshold);
        for (const a of figures) {
          for (const b of figures) {
            const difference = nestedDifference(a, b);
            if (difference !== null && difference > 0) expect(difference).toBeGreaterThanOrEqual(threshold);
          }
        }
      }),
      { numRuns: 500, endOnFailure: true },
    );
  });

  it('figures of consecutive releases, one inside the other, never differ by a single response (or fewer than the step)', () => {
    fc.assert(
      fc.property(responsesArb(10, 60), fc.integer({ min: 10, max: 13 }), fc.array(queryArb, { minLength: 1, maxLength: 6 }), (raw, threshold, queries) => {
        const responses = responsesFrom(raw);
        // Let responses arrive one by one and keep every release the rules make.
        const releases: Release[] = [];
        let current: Release | null = null;
        for (let completed = 1; completed <= responses.length; completed++) {
          const next = nextRelease(demoInstrument, responses.slice(0, completed), current, threshold);
          if (next && next !== current) releases.push(next);
          current = next;
        }
        for (let i = 1; i < releases.length; i++) {
          expect(releases[i]!.size - releases[i - 1]!.size).toBeGreaterThanOrEqual(5);
          const everyBreakdown: ResultsQuery[] = [{ kind: 'all' }, { kind: 'breakdown', question: 'setting' }, { kind: 'breakdown', question: 'role' }];
          queries = [...everyBreakdown, ...queries];
          const before = queries.flatMap((q) => answerQueryWithMembers(demoInstrument, responses, { current: releases[i - 1]!, previous: releases[i - 2] ?? null }, q, threshold).members);
          const after = queries.flatMap((q) => answerQueryWithMembers(demoInstrument, responses, { current: releases[i]!, previous: releases[i - 1]! }, q, threshold).members);
          for (const a of after) {
            for (const b of before) {
              const difference = nestedDifference(a, b);
              if (difference !== null && difference > 0) expect(difference).toBeGreaterThanOrEqual(5);
            }
          }
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 150), endOnFailure: true },
    );
  });

  it('a breakdown never leaves exactly one group hidden', () => {
    fc.assert(
      fc.property(responsesArb(10, 60), (raw) => {
        const responses = responsesFrom(raw);
        const { answer } = answerQueryWithMembers(demoInstrument, responses, { current: releaseOf(responses, 10), previous: null }, { kind: 'breakdown', question: 'setting' }, 10);
        if (answer.kind !== 'breakdown') return;
        const present = answer.groups.filter((g) => responses.some((r) => r.context.setting === g.value));
        const hidden = present.filter((g) => g.results === null).length + (responses.some((r) => !r.context.setting) ? 1 : 0);
        const hiddenTotal = responses.filter((r) => !answer.groups.some((g) => g.results && g.value === r.context.setting)).length;
        // With nothing shown, the hidden groups together are just the whole release.
        if (!answer.groups.some((g) => g.results)) return;
        expect(hidden === 1).toBe(false);
        if (hidden > 0) expect(hiddenTotal).toBeGreaterThanOrEqual(10);
      }),
      { numRuns: 300 },
    );
  });
});

describe('survey rules (examples)', () => {
  it('hides a group that sits inside a group of another question with only a few more responses', () => {
    const raw = [
      ...Array.from({ length: 12 }, () => ({ setting: 'primary', role: 'senior-leader', answer: 1 })),
      ...Array.from({ length: 2 }, () => ({ setting: 'secondary', role: 'senior-leader', answer: 2 })),
      ...Array.from({ length: 12 }, () => ({ setting: 'secondary', role: 'teacher', answer: 3 })),
      ...Array.from({ length: 12 }, () => ({ setting: 'special', role: 'teacher', answer: 4 })),
    ];
    const responses = responsesFrom(raw);
    const release = releaseOf(responses, 10);
    // Primary (12) lies inside senior leaders (14): showing both would give away the 2 others.
    expect(release.groups.includes('setting:primary') && release.groups.includes('role:senior-leader')).toBe(false);
  });

  it('a site may raise the threshold but never lower it', () => {
    expect(effectiveThreshold(undefined)).toBe(10);
    expect(effectiveThreshold(5)).toBe(10);
    expect(effectiveThreshold(15)).toBe(15);
  });

  it('releases results at 10, then only after 5 more', () => {
    expect(releaseSize(9, null, 10)).toBeNull();
    expect(releaseSize(10, null, 10)).toBe(10);
    expect(releaseSize(14, 10, 10)).toBe(10);
    expect(releaseSize(15, 10, 10)).toBe(15);
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
