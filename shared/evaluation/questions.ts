import { z } from 'zod';

/**
 * The programme's evaluation surveys for stakeholders: a baseline before the consultation,
 * a follow-up after the last tailored session (same statements, so change can be measured), and
 * short feedback after the consultation, each session and each review. Our own wording. Unlike the school
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

/** Asked after the consultation, each tailored session and each review. */
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

export const EvaluationResponse = z.object({
  /** Unique per answer: a changed answer is a new one, so figures before and after differ by it. */
  id: z.string(),
  kind: EvaluationKind,
  meetingId: z.string().nullable(),
  userId: z.string(),
  answers: z.record(z.string(), z.number()),
  submittedAt: z.string(),
});
export type EvaluationResponse = z.infer<typeof EvaluationResponse>;

/** A site's answers as stored; answers saved before they had ids get one from what they are. */
export const EvaluationBook = z.object({
  version: z.number().int().nonnegative(),
  responses: z.array(
    z.preprocess((raw) => {
      if (typeof raw !== 'object' || raw === null || 'id' in raw) return raw;
      const r = raw as Record<string, unknown>;
      return { ...r, id: `${r.kind}:${r.meetingId ?? ''}:${r.userId}:${r.submittedAt}` };
    }, EvaluationResponse),
  ),
  /** When the answers were deleted under the retention rule. */
  answersDeletedOn: z.string().nullable().default(null),
});
export type EvaluationBook = z.infer<typeof EvaluationBook>;

/** Means are shown only when no combination of what was shown covers fewer answers than this. */
export const minimumToShow = 3;

export interface EvaluationSummary {
  invited: number;
  responses: Record<EvaluationKind, number>;
  /** Per statement: mean at baseline and follow-up over the people who answered both, and the change. */
  change: { id: string; text: string; paired: number; baseline: number | null; followUp: number | null; change: number | null }[];
  feedback: { id: string; text: string; responses: number; mean: number | null }[];
  /** When the answers were deleted under the retention rule, if they were. */
  answersDeletedOn?: string | null;
}

/** A figure as shown: the answers it covers and, per question, their sum. */
interface FigureSums {
  ids: string[];
  sums: Record<string, number>;
}

/** The figures shown for one site (or several, for a view across sites). */
export interface ShownFigures {
  baseline: FigureSums | null;
  followUp: FigureSums | null;
  feedback: FigureSums | null;
}

const round = (x: number) => Math.round(x * 100) / 100;

/** Pools the figures of several sites: sums add up, so this shows nothing they did not. */
function pooled(figures: (FigureSums | null)[], questionId: string) {
  const shown = figures.filter((f) => f !== null);
  const n = shown.reduce((total, f) => total + f.ids.length, 0);
  return { n, mean: n ? round(shown.reduce((total, f) => total + f.sums[questionId]!, 0) / n) : null };
}

/** Response counts, and the means of the figures released (see releases.ts). No person is visible. */
export function summariseEvaluation(responses: readonly EvaluationResponse[], invited: number, shown: ShownFigures[]): EvaluationSummary {
  const count = (kind: EvaluationKind) => responses.filter((r) => r.kind === kind).length;
  return {
    invited,
    responses: { baseline: count('baseline'), 'follow-up': count('follow-up'), feedback: count('feedback') },
    change: joinedUpWorkingQuestions.map((q) => {
      const before = pooled(shown.map((s) => s.baseline), q.id);
      const after = pooled(shown.map((s) => s.followUp), q.id);
      const change = before.mean === null || after.mean === null ? null : round(after.mean - before.mean);
      return { id: q.id, text: q.text, paired: before.n, baseline: before.mean, followUp: after.mean, change };
    }),
    feedback: feedbackQuestions.map((q) => {
      const { n, mean } = pooled(shown.map((s) => s.feedback), q.id);
      return { id: q.id, text: q.text, responses: n, mean };
    }),
  };
}
