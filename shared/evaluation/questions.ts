import { z } from 'zod';

/**
 * The programme's evaluation surveys for stakeholders: a baseline a week before the consultation,
 * a follow-up after the last tailored session (same statements, so change can be measured), and
 * short feedback after the consultation and each session. Our own wording. Unlike the school
 * survey these are not anonymous to the server (baseline and follow-up are paired by person),
 * but only totals and means are ever shown.
 */
export const agreementScale = [
  { value: 1, label: 'Strongly disagree' },
  { value: 2, label: 'Disagree' },
  { value: 3, label: 'Neither agree nor disagree' },
  { value: 4, label: 'Agree' },
  { value: 5, label: 'Strongly agree' },
] as const;

export interface EvaluationQuestion {
  id: string;
  text: string;
}

/** Asked at baseline and at follow-up. */
export const joinedUpWorkingQuestions: readonly EvaluationQuestion[] = [
  { id: 'know-contact', text: 'I know whom to contact in other services about a child or young person’s mental health' },
  { id: 'roles-clear', text: 'The roles and responsibilities of local services are clear to me' },
  { id: 'shared-planning', text: 'Education and mental health services here plan together' },
  { id: 'referrals-work', text: 'Referral routes between schools and mental health services work well' },
  { id: 'shared-learning', text: 'We learn from each other across education and mental health services' },
  { id: 'confident', text: 'I am confident that joint working here will improve over the next year' },
];

/** Asked at the end of the consultation and of each tailored session. */
export const feedbackQuestions: readonly EvaluationQuestion[] = [
  { id: 'helpful', text: 'The session was helpful for my work' },
  { id: 'satisfied', text: 'Overall, I was satisfied with the session' },
];

export const EvaluationKind = z.enum(['baseline', 'follow-up', 'feedback'], { error: 'Choose which survey this is' });
export type EvaluationKind = z.infer<typeof EvaluationKind>;

export const questionsFor = (kind: EvaluationKind) => (kind === 'feedback' ? feedbackQuestions : joinedUpWorkingQuestions);

const Rating = z.number({ error: 'Choose an answer from 1 to 5' }).int('Choose an answer from 1 to 5').min(1, 'Choose an answer from 1 to 5').max(5, 'Choose an answer from 1 to 5');

export const EvaluationResponseBody = z
  .object({
    kind: EvaluationKind,
    /** For feedback: the meeting it is about. */
    meetingId: z.string().min(1).max(64).nullable().default(null),
    answers: z.record(z.string().max(48), Rating),
  })
  .superRefine((body, ctx) => {
    const ids = questionsFor(body.kind).map((q) => q.id);
    for (const id of ids) if (body.answers[id] === undefined) ctx.addIssue({ code: 'custom', path: ['answers', id], message: 'Answer every question' });
    for (const id of Object.keys(body.answers)) if (!ids.includes(id)) ctx.addIssue({ code: 'custom', path: ['answers', id], message: 'That is not a question in this survey' });
    if (body.kind === 'feedback' && !body.meetingId) ctx.addIssue({ code: 'custom', path: ['meetingId'], message: 'Say which meeting the feedback is about' });
  });
export type EvaluationResponseBody = z.input<typeof EvaluationResponseBody>;

export interface EvaluationResponse {
  kind: EvaluationKind;
  meetingId: string | null;
  userId: string;
  answers: Record<string, number>;
  submittedAt: string;
}

export interface EvaluationBook {
  version: number;
  responses: EvaluationResponse[];
}

/** Means of fewer answers than this are not shown: with one or two, they would be someone's own answers. */
export const minimumToShow = 3;
const mean = (values: number[]) => (values.length >= minimumToShow ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100 : null);

export interface EvaluationSummary {
  invited: number;
  responses: Record<EvaluationKind, number>;
  /** Per statement: mean at baseline and follow-up over everyone who answered both, and the change. */
  change: { id: string; text: string; paired: number; baseline: number | null; followUp: number | null; change: number | null }[];
  feedback: { id: string; text: string; responses: number; mean: number | null }[];
}

/** Response counts, the per-question change from baseline to follow-up, and feedback means. No person is visible. */
export function summariseEvaluation(responses: readonly EvaluationResponse[], invited: number): EvaluationSummary {
  const of = (kind: EvaluationKind) => responses.filter((r) => r.kind === kind);
  const baseline = new Map(of('baseline').map((r) => [r.userId, r]));
  const followUp = of('follow-up').filter((r) => baseline.has(r.userId));
  return {
    invited,
    responses: { baseline: of('baseline').length, 'follow-up': of('follow-up').length, feedback: of('feedback').length },
    change: joinedUpWorkingQuestions.map((q) => {
      const before = mean(followUp.map((r) => baseline.get(r.userId)!.answers[q.id]!));
      const after = mean(followUp.map((r) => r.answers[q.id]!));
      return { id: q.id, text: q.text, paired: followUp.length, baseline: before, followUp: after, change: before === null || after === null ? null : Math.round((after - before) * 100) / 100 };
    }),
    feedback: feedbackQuestions.map((q) => ({ id: q.id, text: q.text, responses: of('feedback').length, mean: mean(of('feedback').map((r) => r.answers[q.id]!)) })),
  };
}
