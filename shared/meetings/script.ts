import { z } from 'zod';
import { isReviewKind, type MeetingKind } from './meeting';
import { MeetingPhase } from './phases';

/**
 * The facilitators' private script: per phase, what to say and watch for. Only facilitators
 * ever receive it (its own HTTP route); it is never part of the meeting's shared state, its
 * socket messages or its documents, so nobody else can find it in what their browser holds.
 */
const ScriptText = z.string().trim().max(4000, 'Keep each phase’s notes to 4,000 characters or fewer');

/** PUT /sites/:siteId/facilitator-script: the site's own notes, phase by phase. */
export const FacilitatorScriptBody = z.object({ phases: z.partialRecord(MeetingPhase, ScriptText) });
export type FacilitatorScriptBody = z.input<typeof FacilitatorScriptBody>;

/** The stored record (one per site). */
export const StoredFacilitatorScript = FacilitatorScriptBody.extend({ version: z.number().int().nonnegative() });
export type StoredFacilitatorScript = z.infer<typeof StoredFacilitatorScript>;

/** What facilitators receive: every phase's notes, and whether the site changed them. */
export const FacilitatorScript = z.object({ phases: z.record(MeetingPhase, z.string()), edited: z.boolean() });
export type FacilitatorScript = z.infer<typeof FacilitatorScript>;

/** The default script, from the programme guide's strategic consultation session (CASCADE framework). */
export const defaultScript: Record<MeetingPhase, string> = {
  welcome:
    'Two trainers facilitate: agree now who drives and who watches the chat and the time. Welcome everyone; ask each person for their name, organisation and role. ' +
    'Say why we are here: an early audit of joint working between education and mental health services, using the CASCADE framework, ending in three SMART goals. ' +
    'If schools were surveyed (at least 10 responses), give the headline results.',
  'domain-review':
    'Work through the seven CASCADE domains, strengths and challenges in each. Reveal the pre-meeting ratings before discussing, and ask who sees it differently. ' +
    'Record an agreed rating with a one-line reason. Draw in voices from education and from the voluntary sector, not only the services.',
  'areas-of-need':
    'Name the area(s) of greatest need locally. Open dot voting, reveal the votes, then settle the areas together: ties are the facilitators’ to put to the room.',
  goals:
    'Agree three SMART goals for the programme, each tied to an area of greatest need. Check each is specific, measurable, achievable, relevant and time-bound. ' +
    'Explain that goals are rated with the Goal Based Outcome (GBO) tool now and at each review.',
  close:
    'Summarise the areas of need and the three goals. Explain next steps: tailored support sessions chosen after this meeting, reviews to follow. ' +
    'Ask everyone to complete the feedback survey before they leave.',
};

/**
 * A review's own default notes (guide section 7): a review looks back at the consultation's
 * ratings and goals, so the consultation's "agree three SMART goals" and "sessions chosen after
 * this meeting" would send the facilitator the wrong way.
 */
export const reviewScript: Partial<Record<MeetingPhase, string>> = {
  welcome:
    'Welcome everyone back; ask anyone new for their name, organisation and role. Say what the review is for: how far the site has come since the consultation, ' +
    'domain by domain and goal by goal, and what happens next.',
  'domain-review':
    'Go through the seven CASCADE domains beside the ratings agreed last time. Ask what has changed, and why; record an agreed rating now with a one-line reason, ' +
    'so the change is on the record.',
  goals:
    'For each goal, hear from its owner: progress, what is in the way and how to get past it; look at the check-ins since. Agree where the goal is now on the ' +
    'Goal Based Outcome (GBO) scale, and any actions, each with an owner and a date.',
  close:
    'Summarise where each domain and goal now stands and the actions agreed. Say what comes next: the 6-month review, or the end of the programme year. ' +
    'Ask everyone to complete the feedback survey before they leave.',
};

/** The script a site uses for a kind of meeting: its own notes where it has them, the guide's elsewhere (a review's own where it has them). */
export function scriptFor(stored: Pick<StoredFacilitatorScript, 'phases'> | null, kind: MeetingKind = 'consultation'): FacilitatorScript {
  const own = stored?.phases ?? {};
  const defaults = isReviewKind(kind) ? { ...defaultScript, ...reviewScript } : defaultScript;
  const phases = Object.fromEntries(MeetingPhase.options.map((phase) => [phase, own[phase] || defaults[phase]])) as Record<MeetingPhase, string>;
  return { phases, edited: Object.values(own).some(Boolean) };
}
