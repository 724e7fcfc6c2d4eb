import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinedUpWorkingQuestions } from '@shared/evaluation/questions';
import { holdMeetingWith } from '../helpers/held-meeting';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept } from '../helpers/outbox';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';

let server: RunningServer;
let facilitator: ApiClient;
let stakeholders: ApiClient[];
let outsider: ApiClient;
let siteId: string;
let consultationId: string;

const answers = (value: (i: number) => number) => Object.fromEntries(joinedUpWorkingQuestions.map((q, i) => [q.id, value(i)]));
// Seeded: each person's baseline and follow-up; the change per question is known in advance.
const baselines = [answers(() => 2), answers((i) => (i % 2 ? 3 : 2)), answers(() => 3), answers(() => 1)];
const followUps = [answers(() => 4), answers((i) => (i % 2 ? 3 : 4)), answers(() => 4)];

beforeAll(async () => {
  server = await startApp();
  facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  siteId = (await facilitator.post('/api/sites', { name: 'Evaluation Borough' })).body.id;
  stakeholders = await Promise.all([0, 1, 2, 3].map((i) => inviteAndAccept(server, facilitator, siteId, `e${i}@evaluation.example`, { name: `Person ${i}` })));
  outsider = await ApiClient.signIn(server.url, 'stakeholder1@demo.example', demoPassword);
  // Persons 0 to 2 attend the consultation; person 3 does not.
  consultationId = await holdMeetingWith(server, facilitator, siteId, stakeholders.slice(0, 3));
});
afterAll(async () => {
  await server?.stop();
});

describe('evaluation surveys', () => {
  it('baseline and follow-up answers from the same people give a per-question change table', async () => {
    for (const [i, who] of stakeholders.entries()) expect((await who.post(`/api/sites/${siteId}/evaluation`, { kind: 'baseline', answers: baselines[i] })).status).toBe(201);
    for (const [i, who] of stakeholders.slice(0, 3).entries()) expect((await who.post(`/api/sites/${siteId}/evaluation`, { kind: 'follow-up', answers: followUps[i] })).status).toBe(201);
    const { status, body } = await facilitator.get(`/api/sites/${siteId}/evaluation`);
    expect(status).toBe(200);
    expect(body.invited).toBe(4);
    expect(body.responses).toEqual({ baseline: 4, 'follow-up': 3, feedback: 0 });
    // Paired over the three who answered both: baseline means (2+2+3)/3 or (2+3+3)/3; follow-up 4 or (4+3+4)/3.
    expect(body.change.map((c: { paired: number; baseline: number; followUp: number; change: number }) => [c.paired, c.baseline, c.followUp, c.change])).toEqual(
      joinedUpWorkingQuestions.map((_, i) => (i % 2 ? [3, 2.67, 3.67, 1] : [3, 2.33, 4, 1.67])),
    );
    expect(JSON.stringify(body)).not.toMatch(/userId|e\d@evaluation/);
  });

  it('shows feedback means only once three people have answered, and feeds the dashboard', async () => {
    const feedback = (who: ApiClient, helpful: number, satisfied: number) => who.post(`/api/sites/${siteId}/evaluation`, { kind: 'feedback', meetingId: consultationId, answers: { helpful, satisfied } });
    await feedback(stakeholders[0]!, 5, 4);
    await feedback(stakeholders[1]!, 4, 4);
    expect((await facilitator.get(`/api/sites/${siteId}/evaluation`)).body.feedback.map((f: { mean: number | null }) => f.mean)).toEqual([null, null]);
    await feedback(stakeholders[2]!, 3, 5);
    await feedback(stakeholders[2]!, 3, 5); // answering again replaces, it does not add
    const body = (await facilitator.get(`/api/sites/${siteId}/evaluation`)).body;
    expect(body.feedback.map((f: { responses: number; mean: number | null }) => [f.responses, f.mean])).toEqual([[3, 4], [3, 4.33]]);
    const row = (await facilitator.get('/api/dashboard')).body.find((r: { siteId: string }) => r.siteId === siteId);
    expect(row.feedbackSatisfaction).toBe(4.33);
    const across = (await facilitator.get('/api/evaluation')).body;
    expect(across.perSite.map((s: { siteName: string }) => s.siteName)).toContain('Evaluation Borough');
  });

  it('takes feedback on a meeting only from the people its closed record lists as attending', async () => {
    const before = (await facilitator.get(`/api/sites/${siteId}/evaluation`)).body;
    const feedback = (who: ApiClient, meetingId: string) => who.post(`/api/sites/${siteId}/evaluation`, { kind: 'feedback', meetingId, answers: { helpful: 1, satisfied: 1 } });
    const absent = await feedback(stakeholders[3]!, consultationId);
    expect(absent.status).toBe(403);
    expect(absent.body.error).toBe('Feedback on a meeting is given only by the people its record lists as attending it');
    // Someone invited after the meeting closed, as a facilitator could do to answer as them.
    const latecomer = await inviteAndAccept(server, facilitator, siteId, 'late@evaluation.example', { name: 'Late Person' });
    expect((await feedback(latecomer, consultationId)).status).toBe(403);
    // And a meeting that has not closed takes no feedback yet.
    const upcoming = (await facilitator.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), durationMinutes: 60 })).body.id;
    expect((await feedback(stakeholders[0]!, upcoming)).status).toBe(422);
    expect((await facilitator.get(`/api/sites/${siteId}/evaluation`)).body).toEqual({ ...before, invited: before.invited + 1 });
  });

  it('refuses bad answers, another site’s people and non-facilitators, changing nothing', async () => {
    const before = (await facilitator.get(`/api/sites/${siteId}/evaluation`)).body;
    const bad = await stakeholders[3]!.post(`/api/sites/${siteId}/evaluation`, { kind: 'follow-up', answers: { ...followUps[0], confident: 6 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('Choose an answer from 1 to 5');
    expect((await stakeholders[3]!.post(`/api/sites/${siteId}/evaluation`, { kind: 'feedback', answers: { helpful: 3, satisfied: 3 } })).body.error).toBe('Say which meeting the feedback is about');
    expect((await outsider.post(`/api/sites/${siteId}/evaluation`, { kind: 'baseline', answers: baselines[0] })).status).toBe(403);
    expect((await stakeholders[0]!.get(`/api/sites/${siteId}/evaluation`)).status).toBe(403);
    expect((await stakeholders[0]!.get('/api/evaluation')).status).toBe(403);
    expect((await facilitator.get(`/api/sites/${siteId}/evaluation`)).body).toEqual(before);
  });
});
