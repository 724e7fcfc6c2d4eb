import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackQuestions, joinedUpWorkingQuestions, minimumToShow } from '@shared/evaluation/questions';
import { Fraction, smallestIsolation, type Observation } from '../helpers/differencing-attack';
import { holdMeetingWith } from '../helpers/held-meeting';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept } from '../helpers/outbox';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';

/**
 * A facilitator who wants to know what one stakeholder said: it reads the evaluation results
 * after every single answer (and every changed answer), and solves for the smallest set of
 * answers it can single out from the means and counts it saw.
 */
let server: RunningServer;
let facilitator: ApiClient;
let run = 0;

type Step = { person: number; kind: 'feedback' | 'baseline' | 'follow-up'; first: number; second: number };
const stepArb: fc.Arbitrary<Step> = fc.record({
  person: fc.nat(5),
  kind: fc.constantFrom('feedback' as const, 'feedback' as const, 'baseline' as const, 'follow-up' as const),
  first: fc.integer({ min: 1, max: 5 }),
  second: fc.integer({ min: 1, max: 5 }),
});

interface Answer {
  id: number;
  person: number;
  kind: Step['kind'];
  values: Record<string, number>;
}

const questionsOf = (kind: Step['kind']) => (kind === 'feedback' ? feedbackQuestions : joinedUpWorkingQuestions);
const valuesOf = (step: Step) => Object.fromEntries(questionsOf(step.kind).map((q, i) => [q.id, i % 2 ? step.second : step.first]));

/** n and sums, recovered from the means shown (rounded to 2 places, so multiplied back and rounded). */
const countsFrom = (n: number, means: number[]) => [n, ...means.map((m) => Math.round(m * n))];

async function play(steps: Step[]) {
  run++;
  const siteId = (await facilitator.post('/api/sites', { name: `Evaluation attack ${run}` })).body.id as string;
  const people = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => inviteAndAccept(server, facilitator, siteId, `p${i}.run${run}@attack.example`)));
  const meetingId = await holdMeetingWith(server, facilitator, siteId, people);

  let nextId = 0;
  const current: Answer[] = [];
  const everAnswer: Answer[] = [];
  const observations = { feedback: new Map<string, Observation>(), baseline: new Map<string, Observation>(), 'follow-up': new Map<string, Observation>() };
  const lastSeen: Record<string, string> = {};

  /** The figure read is either the pool as it stands now or the one seen before; use it only when that is certain. */
  const observe = (pool: keyof typeof observations, members: Answer[], n: number, means: (number | null)[]) => {
    if (!n || means.some((m) => m === null)) return;
    const questions = questionsOf(pool);
    const seen = JSON.stringify([n, means]);
    const now = JSON.stringify([members.length, questions.map((q) => Math.round((members.reduce((t, a) => t + a.values[q.id]!, 0) / members.length) * 100) / 100)]);
    if (seen !== now) {
      // Not the answers as they stand: it must be the figure shown before, unchanged.
      expect(seen, `${pool}: shown neither the answers now nor the figure seen before`).toBe(lastSeen[pool]);
      return;
    }
    // The same figures as before could be the old answers or the new ones: a careful attacker learns nothing certain.
    if (seen === lastSeen[pool]) return;
    lastSeen[pool] = seen;
    observations[pool].set(members.map((a) => a.id).join(), { members: members.map((a) => a.id), counts: countsFrom(n, means as number[]) });
  };

  for (const step of steps) {
    const values = valuesOf(step);
    const reply = await people[step.person]!.post(`/api/sites/${siteId}/evaluation`, { kind: step.kind, meetingId: step.kind === 'feedback' ? meetingId : null, answers: values });
    expect(reply.status).toBe(201);
    const replaced = current.findIndex((a) => a.person === step.person && a.kind === step.kind);
    const answer = { id: nextId++, person: step.person, kind: step.kind, values };
    if (replaced >= 0) current.splice(replaced, 1);
    current.push(answer);
    everAnswer.push(answer);

    const summary = (await facilitator.get(`/api/sites/${siteId}/evaluation`)).body;
    const across = (await facilitator.get('/api/evaluation')).body.perSite.find((s: { siteId: string }) => s.siteId === siteId).summary;
    expect(across).toEqual(summary);
    observe('feedback', current.filter((a) => a.kind === 'feedback'), summary.feedback[0].responses, summary.feedback.map((f: { mean: number | null }) => f.mean));
    const followUps = new Map(current.filter((a) => a.kind === 'follow-up').map((a) => [a.person, a]));
    const pairedBaselines = current.filter((a) => a.kind === 'baseline' && followUps.has(a.person));
    const paired = summary.change[0].paired;
    observe('baseline', pairedBaselines, paired, summary.change.map((c: { baseline: number | null }) => c.baseline));
    observe('follow-up', pairedBaselines.map((a) => followUps.get(a.person)!), paired, summary.change.map((c: { followUp: number | null }) => c.followUp));
  }

  for (const pool of ['feedback', 'baseline', 'follow-up'] as const) {
    const isolation = smallestIsolation([...observations[pool].values()], minimumToShow);
    if (isolation) {
      const truth = [Fraction.of(0), ...questionsOf(pool).map(() => Fraction.of(0))];
      for (const [id, weight] of isolation.weights) {
        const answer = everAnswer[id]!;
        [1, ...questionsOf(pool).map((q) => answer.values[q.id]!)].forEach((c, k) => (truth[k] = truth[k]!.add(weight.times(Fraction.of(c)))));
      }
      expect(isolation.recovered.map(String), 'the attacker recovers exactly what those answers were').toEqual(truth.map(String));
    }
    expect(isolation && { pool, singledOut: isolation.members.length, weights: [...isolation.weights].map(([m, w]) => `#${m}×${w}`).join(' ') }).toBeNull();
  }
}

beforeAll(async () => {
  server = await startApp();
  facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
});
afterAll(async () => {
  await server?.stop();
});

describe('a facilitator reading the evaluation after every answer', () => {
  it('cannot single out fewer than the minimum of answers from the means it saw, changed answers included', async () => {
    await fc.assert(fc.asyncProperty(fc.array(stepArb, { minLength: 8, maxLength: 30 }), play), { numRuns: Number(process.env.ATTACK_RUNS ?? 12), endOnFailure: true });
  });
});

describe('a facilitator who can also make accounts', () => {
  it('cannot answer as accounts invited after a meeting to read one real attendee’s feedback from the mean', async () => {
    const siteId = (await facilitator.post('/api/sites', { name: 'Evaluation insider' })).body.id as string;
    const real = await inviteAndAccept(server, facilitator, siteId, 'real@insider.example');
    const meetingId = await holdMeetingWith(server, facilitator, siteId, [real]);
    const secret = { helpful: 2, satisfied: 1 };
    expect((await real.post(`/api/sites/${siteId}/evaluation`, { kind: 'feedback', meetingId, answers: secret })).status).toBe(201);
    // The insider's own accounts, at addresses it controls, answer with values it knows.
    const made = { helpful: 5, satisfied: 5 };
    const stooges = await Promise.all([1, 2].map((i) => inviteAndAccept(server, facilitator, siteId, `facilitator+${i}@insider.example`)));
    const replies = await Promise.all(stooges.map((s) => s.post(`/api/sites/${siteId}/evaluation`, { kind: 'feedback', meetingId, answers: made })));
    // Solve as the attacker would: n·mean minus what it made itself.
    const feedback = (await facilitator.get(`/api/sites/${siteId}/evaluation`)).body.feedback as { responses: number; mean: number | null }[];
    const recovered = feedback.every((f) => f.mean !== null) ? feedback.map((f, i) => Math.round(f.mean! * f.responses) - (f.responses - 1) * Object.values(made)[i]!) : null;
    expect(recovered, 'the real attendee’s feedback, worked out from the mean').toBeNull();
    expect(replies.map((r) => r.status)).toEqual([403, 403]);
  });
});
