import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoInstrument } from '@shared/survey/demo-instrument';
import { allItems, responseScaleOf } from '@shared/survey/instrument';
import { Fraction, smallestIsolation, type Observation } from '../helpers/differencing-attack';
import { ApiClient } from '../helpers/http';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';

/**
 * A hostile facilitator of a site (who, of everyone on it, reads the results of an open-link
 * survey), with nothing but our HTTP API: it submits surveys with context
 * answers of its choosing (so it knows which school is which), reads every breakdown and
 * filter at moments of its choosing, and then solves for the smallest set of other schools'
 * answers it can single out from everything it read.
 */
let server: RunningServer;
let facilitator: ApiClient;
let siteId: string;
const threshold = 10;

const items = allItems(demoInstrument);
const settings = ['primary', 'secondary', 'special', 'fe-college'];
const roles = ['senior-leader', 'teacher', 'senco'];

type Submitted = { context: Record<string, string>; answers: Record<string, number | 'n/a'> };
type Step = { kind: 'submit'; setting: number; role: number; seed: number } | { kind: 'read'; query: string };

const queryArb = fc.oneof(
  fc.constant(''),
  fc.constant('?breakdown=setting'),
  fc.constant('?breakdown=role'),
  fc.constantFrom(...settings).map((s) => `?filter.setting=${s}`),
  fc.constantFrom(...roles).map((r) => `?filter.role=${r}`),
  fc.tuple(fc.constantFrom(...settings), fc.constantFrom(...roles)).map(([s, r]) => `?filter.setting=${s}&filter.role=${r}`),
);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('submit' as const), setting: fc.nat(99), role: fc.nat(99), seed: fc.nat(1000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('read' as const), query: queryArb }) },
);
const scenarioArb = fc.record({
  settingsUsed: fc.integer({ min: 1, max: 4 }),
  roleFollowsSetting: fc.boolean(),
  steps: fc.array(stepArb, { minLength: 40, maxLength: 110 }),
});

function answersFrom(seed: number): Submitted['answers'] {
  return Object.fromEntries(
    items.map((item, k) => {
      const options = responseScaleOf(demoInstrument, item).options;
      const pick = (seed * 31 + k * 17) % (options.length + 1);
      return [item.id, pick === options.length ? (responseScaleOf(demoInstrument, item).notApplicable ? 'n/a' : options[0]!.value) : options[pick]!.value];
    }),
  );
}

/** The additive counts the attacker reads off one figure: per item and answer, and n/a. */
function countsOf(results: { responses: number; items: { distribution: { count: number }[]; notApplicable: number }[] }): number[] {
  return [results.responses, ...results.items.flatMap((i) => [...i.distribution.map((d) => d.count), i.notApplicable])];
}

/** The same counts worked out from what the attacker itself submitted. */
function trueCounts(submitted: Submitted[], members: number[]): number[] {
  return [
    members.length,
    ...items.flatMap((item) => {
      const values = members.map((m) => submitted[m]!.answers[item.id]);
      return [...responseScaleOf(demoInstrument, item).options.map((o) => values.filter((v) => v === o.value).length), values.filter((v) => v === 'n/a').length];
    }),
  ];
}

async function play(scenario: { settingsUsed: number; roleFollowsSetting: boolean; steps: Step[] }) {
  const created = await facilitator.post(`/api/sites/${siteId}/surveys`, {
    accessMode: 'open',
    opensAt: new Date(Date.now() - 3600_000).toISOString(),
    closesAt: new Date(Date.now() + 86400_000).toISOString(),
  });
  const campaignId = created.body.id as string;
  const token = (created.body.publicUrl as string).split('/s/')[1]!;
  const school = new ApiClient(server.url);
  const submitted: Submitted[] = [];
  const observations = new Map<string, Observation>();

  const observe = (size: number, filters: Record<string, string>, results: Parameters<typeof countsOf>[0]) => {
    const members = submitted.slice(0, size).flatMap((s, i) => (Object.entries(filters).every(([q, v]) => s.context[q] === v) ? [i] : []));
    // The attacker's picture of the figure must match what it read, or its sums would be wrong.
    expect(results.responses, `figure over the first ${size} with ${JSON.stringify(filters)}`).toBe(members.length);
    observations.set(`${size}|${JSON.stringify(filters)}`, { members, counts: countsOf(results) });
  };

  for (const step of [...scenario.steps, { kind: 'read', query: '' } as Step]) {
    if (step.kind === 'submit') {
      const setting = settings[Math.min(scenario.settingsUsed - 1, Math.floor((step.setting / 100) ** 2 * scenario.settingsUsed))]!;
      const role = roles[scenario.roleFollowsSetting ? settings.indexOf(setting) % roles.length : step.role % roles.length]!;
      const entry = { context: { setting, role }, answers: answersFrom(step.seed) };
      const reply = await school.post(`/api/public/surveys/${token}/responses`, entry);
      expect(reply.status).toBe(201);
      submitted.push(entry);
      continue;
    }
    // Each time it looks, it reads everything it can, and one filter of its choosing.
    for (const query of new Set(['', '?breakdown=setting', '?breakdown=role', step.query])) {
      const reply = (await facilitator.get(`/api/surveys/${campaignId}/results${query}`)).body;
      const answer = reply.answer;
      const filters = Object.fromEntries([...new URLSearchParams(query.slice(1))].filter(([k]) => k.startsWith('filter.')).map(([k, v]) => [k.slice(7), v]));
      if (answer.kind === 'results') observe(answer.asOf ?? reply.released, filters, answer.results);
      if (answer.kind === 'breakdown') {
        for (const group of answer.groups) if (group.results) observe(group.asOf ?? reply.released, { [answer.question]: group.value }, group.results);
      }
    }
  }

  const isolation = smallestIsolation([...observations.values()], threshold);
  if (process.env.ATTACK_DEBUG) console.log(`figures ${observations.size} groups ${[...observations.keys()].filter((k) => !k.endsWith("{}")).length} submitted ${submitted.length}`);
  if (isolation) {
    // Prove it: the combination of published counts equals those schools' own answers, weighted.
    const truth = trueCounts(submitted, []).map(() => Fraction.of(0));
    for (const [member, weight] of isolation.weights) trueCounts(submitted, [member]).forEach((c, k) => (truth[k] = truth[k]!.add(weight.times(Fraction.of(c)))));
    expect(isolation.recovered.map(String)).toEqual(truth.map(String));
  }
  expect(
    isolation && {
      singledOut: isolation.members.length,
      outOf: submitted.length,
      figuresRead: observations.size,
      weights: [...isolation.weights].map(([m, w]) => `#${m + 1}×${w}`).join(' '),
    },
  ).toBeNull();
}

beforeAll(async () => {
  server = await startApp({ env: { SURVEY_RATE_LIMIT: '100000' } });
  facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  siteId = (await facilitator.get('/api/sites')).body[0].id;
});
afterAll(async () => {
  await server?.stop();
});

describe('an attacker with only the HTTP API', () => {
  it('cannot single out fewer than the threshold of schools from every figure it can read, across releases', async () => {
    await fc.assert(fc.asyncProperty(scenarioArb, play), { numRuns: Number(process.env.ATTACK_RUNS ?? 25), endOnFailure: true });
  });
});
